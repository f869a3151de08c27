"""Email, the fallback channel: SMTP when MAIL_SERVER is set, else a folder (development)."""

import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app

from app import clock

TIMEOUT_SECONDS = 15


def send(to, subject, text):
    """Send one plain-text message. Raises OSError / smtplib.SMTPException when it fails."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="stagewijs.nl")
    message["Date"] = clock.local_now().strftime("%a, %d %b %Y %H:%M:%S %z")
    message.set_content(text)
    if not config["MAIL_SERVER"]:
        folder = config.get("MAIL_FOLDER") or os.path.join(current_app.instance_path, "mail")
        os.makedirs(folder, exist_ok=True)
        name = f"{clock.utcnow():%Y%m%dT%H%M%S%f}-{abs(hash(to)) % 10**6}.eml"
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(message.as_bytes())
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=TIMEOUT_SECONDS) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)
