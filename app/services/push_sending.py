"""Pushing for one delivery pass (app/services/delivery.py): checked push service addresses,
one VAPID signature per service, the pool's posts, and what each answer means (404/410 gone,
403 another key, 429/5xx retry, and for how long the service asked us to wait)."""

import datetime as dt
import email.utils
import logging

from flask import current_app

from app import clock
from app.models import PushSubscription
from app.push import pool, transport

log = logging.getLogger(__name__)

GONE = (404, 410)


def absolute(path):
    """A link in a push or an email: the app's own paths made absolute."""
    if path.startswith("/"):
        return current_app.config["PUBLIC_URL"].rstrip("/") + path
    return path


class Pusher:
    """Pushes for one delivery pass: the pool that posts them, the checked address of each
    push service, and one VAPID signature per push service for the pass (RFC 8292 lets a
    token be reused until it expires; a pass lasts seconds, the token 12 hours), each made
    from a fresh claims dict."""

    def __init__(self, expected):
        # Imported here: the web workers never send, and these weigh ~20 MB per process.
        from app.push import message, vapid

        self.message = message
        self.addresses = {}
        self.loopback = current_app.config["PUSH_ALLOW_LOOPBACK"]
        self.signer = _CachedSigner(vapid.signer())
        self.subject = current_app.config["VAPID_SUBJECT"]
        self.pool = pool.Pool(
            current_app.config["PUSH_CONCURRENCY"],
            _pause_until(current_app._get_current_object()),
            expected=expected,
        )

    def start(self, flight, subscriptions):
        """Hand the delivery's pushes to the pool (or note their outcome when it is known
        without posting)."""
        delivery = flight.delivery
        data = self.message.payload(delivery.title, delivery.body, absolute(delivery.navigate))
        for index, subscription in enumerate(subscriptions):
            try:
                target, outcome = self._prepare(subscription, data, delivery)
            except Exception:  # one broken subscription must not cost the user's other devices
                log.exception("Push to subscription %s not prepared", subscription.id)
                target, outcome = None, "error"
            if isinstance(outcome, tuple):  # (body, headers): to post
                flight.pushes.append([subscription, target, None])
                flight.waiting += 1
                self.pool.post((flight, index), target, *outcome)
            else:
                flight.pushes.append([subscription, target, outcome])

    def outcome(self, pushes):
        """('sent', None) when at least one device took it, ('retry', wait) when only
        retryable failures (wait: how long a service asked for, or None), else ('none',
        None): no working subscription."""
        outcomes, waits = set(), []
        for subscription, target, result in pushes:
            if not isinstance(result, str) or result is pool.STOPPED:
                result, wait = self._answered(subscription, target, result)
                if wait is not None:
                    waits.append(wait)
            outcomes.add(result)
        if "sent" in outcomes:
            return "sent", None
        if "retry" in outcomes:
            return "retry", max(waits) if waits else None
        return "none", None

    def _target(self, endpoint):
        """Checked and resolved; one name lookup per host for the pass (its answer is the
        address the connection goes to, so a rebinding name cannot switch it mid-pass)."""
        target = transport.check_endpoint(endpoint, self.loopback)
        key = (target.host, target.port)
        if key not in self.addresses:
            self.addresses[key] = transport.resolve(target, self.loopback).address
        return transport.Target(
            target.host, target.port, target.path, target.secure, self.addresses[key]
        )

    def _prepare(self, subscription, data, delivery):
        """(target, (body, headers)) to post, or (target, outcome) known without posting."""
        try:
            target = self._target(subscription.endpoint)
        except transport.EndpointRefused as refused:
            if refused.reason == "name_not_found":  # the resolver may be down: not its fault
                return None, "retry"
            log.warning(
                "Push endpoint refused at send (%s): subscription %s removed",
                refused.reason,
                subscription.id,
            )
            _forget(subscription)
            return None, "gone"
        if self.pool.paused_until(target) is not None:  # nothing more to it in this pass
            return target, pool.STOPPED
        try:
            return target, self.message.encrypted_request(
                subscription,
                data,
                self.signer,
                self.subject,
                ttl=delivery.ttl_seconds,
                urgency=delivery.urgency,
                topic=delivery.kind.replace("_", "-"),
            )
        except ValueError as error:  # keys that are no P-256 point: it can never work
            log.warning("Subscription %s has unusable keys (%s): removed", subscription.id, error)
            _forget(subscription)
            return None, "gone"

    def _answered(self, subscription, target, result):
        """(outcome, wait) of one post; the database work its answer asks for is done here."""
        if result is pool.STOPPED:
            until = self.pool.paused_until(target)
            return "retry", None if until is None else max(until - clock.now(), dt.timedelta(0))
        if isinstance(result, (OSError, UnicodeError)):
            log.info("Push to subscription %s failed: %s", subscription.id, result)
            return "retry", None
        if isinstance(result, BaseException):  # not the network's doing: this delivery fails
            raise result
        if 200 <= result.status < 300:
            return "sent", None
        if result.status in GONE:
            _forget(subscription)
            return "gone", None
        if result.status == 429 or result.status >= 500:
            return "retry", retry_after(result.retry_after, clock.now())
        log.warning("Push service answered %s for subscription %s", result.status, subscription.id)
        if result.status == 403:  # made with another VAPID key: it will never work again
            _forget(subscription)
        return "error", None


def _forget(subscription):
    PushSubscription.delete().where(PushSubscription.id == subscription.id).execute()


def _pause_until(app):
    """For the pool's threads: the instant a 429/5xx answer asks us to wait for, or None."""

    def until(answer):
        if answer.status != 429 and answer.status < 500:
            return None
        with app.app_context():  # this runs in a worker thread: the clock reads the config
            now = clock.now()
            wait = retry_after(answer.retry_after, now)
        return now + wait if wait else None  # no wait (or none readable): no pause

    return until


# Longer than a reminder lives (its TTL is at most a day): a later answer changes nothing.
MAX_RETRY_AFTER = dt.timedelta(days=1)


def retry_after(value, now):
    """A Retry-After header (RFC 9110 section 10.2.3: seconds, or an HTTP date) as a wait from
    `now`, at most a day; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        wait = dt.timedelta(seconds=int(value[:6]))  # six digits already exceed the cap
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:  # an HTTP date is GMT by definition
            when = when.replace(tzinfo=dt.UTC)
        wait = when - now
    return min(max(wait, dt.timedelta(0)), MAX_RETRY_AFTER)


class _CachedSigner:
    """One signature per audience (push service origin) for the pass."""

    def __init__(self, signer):
        self.signer = signer
        self.cache = {}

    def sign(self, claims):
        audience = claims["aud"]
        if audience not in self.cache:
            self.cache[audience] = self.signer.sign(dict(claims))
        return self.cache[audience]
