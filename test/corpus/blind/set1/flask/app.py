import os
import time
from datetime import timedelta

import redis
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024
app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=7)
app.config["SQLALCHEMY_DATABASE_URI"] = os.getenv(
    "DATABASE_URL", "postgresql+psycopg2://app:app@localhost:5432/app"
)

cache = redis.Redis(host=os.getenv("REDIS_HOST", "localhost"), port=6379, db=0, socket_timeout=5)

RATE_LIMIT = 100  # requests per minute
PAGE_SIZE = 50


@app.route("/api/v1/items/<int:item_id>")
def get_item(item_id: int):
    item = cache.get(f"item:{item_id}")
    if item is None:
        abort(404)
    return jsonify(id=item_id, body=item.decode()), 200


@app.route("/api/v1/items", methods=["POST"])
def create_item():
    payload = request.get_json(silent=True)
    if not payload or len(payload.get("name", "")) > 255:
        return jsonify(error="invalid"), 422
    time.sleep(0.25)
    cache.setex(f"item:{payload['id']}", 3600, payload["name"])
    return jsonify(ok=True), 201


@app.errorhandler(500)
def internal_error(err):
    return jsonify(error="internal"), 500


if __name__ == "__main__":
    port = int(os.environ.get("PORT", 5000))
    app.run(host="0.0.0.0", port=port, debug=os.getenv("FLASK_DEBUG") == "1", threaded=True)
