"""Small Flask app used by the integration tests.

Start it with ``flask run --port 5001`` or ``python app.py``.
"""
import os
import socket
import smtplib
from datetime import timedelta

from flask import Flask, jsonify
import redis

app = Flask(__name__)
app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=7)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get(
    "DATABASE_URL", "postgresql://app:secret@localhost:5433/app"
)

cache = redis.Redis(host="localhost", port=6379, db=0, socket_timeout=5)
MAIL_SERVER = "smtp.example.org"
MAIL_PORT = 587
STATSD = ("127.0.0.1", 8125)


def send_report(body):
    with smtplib.SMTP(MAIL_SERVER, MAIL_PORT, timeout=30) as smtp:
        smtp.sendmail("noreply@example.org", ["ops@example.org"], body)


def ping_statsd(metric):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.sendto(f"{metric}:1|c".encode(), STATSD)


@app.route("/health")
def health():
    return jsonify(status="ok"), 200


if __name__ == "__main__":
    port = int(os.environ.get("PORT", 5000))
    # debug server only; production runs gunicorn -b 0.0.0.0:8000
    app.run(host="0.0.0.0", port=port, debug=True, threaded=True)
