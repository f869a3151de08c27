"""Web push subscriptions (one per device) and each user's notification settings."""

from flask import Response
from flask.views import MethodView

from app.api.blueprint import Blueprint
from app.api.common import actor
from app.errors import NotFound
from app.services import notifications

from .schemas import (
    PublicKeySchema,
    SettingsSchema,
    SettingsUpdateSchema,
    SubscriptionOutSchema,
    SubscriptionSchema,
)

blp = Blueprint("push", __name__, url_prefix="/api", description="Notifications")


@blp.get("/push/key")
@blp.response(200, PublicKeySchema)
def public_key():
    """The server's VAPID public key, to subscribe with"""
    from app.push import vapid  # only here and in the scheduler: keeps web workers lean

    return {"public_key": vapid.public_key()}


@blp.route("/push/subscriptions/<uuid:device_id>")
class Subscription(MethodView):
    @blp.arguments(SubscriptionSchema)
    @blp.response(200, SubscriptionOutSchema)
    def put(self, data, device_id):
        """Register (or renew) this device's subscription; send it on every app start"""
        keys = data["keys"]
        row = notifications.subscribe(
            actor(), device_id, data["endpoint"], keys["p256dh"], keys["auth"]
        )
        return {"device_id": str(row.device_id), "endpoint": row.endpoint}

    @blp.response(204)
    def delete(self, device_id):
        """Stop notifications to this device (logout, or the settings)"""
        if not notifications.unsubscribe(actor(), device_id):
            raise NotFound()
        return Response(status=204)


@blp.route("/notifications/settings")
class Settings(MethodView):
    @blp.response(200, SettingsSchema)
    def get(self):
        """What reaches this user, how often, and when not (quiet hours)"""
        return notifications.settings_of(actor())

    @blp.arguments(SettingsUpdateSchema)
    @blp.response(200, SettingsSchema)
    def patch(self, data):
        """Change any of: per kind immediately/digest/off, quiet hours, email choices"""
        return notifications.update_settings(actor(), data)
