import os
from datetime import timedelta

from flask import Flask, abort, jsonify

app = Flask(__name__)
app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024
app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=7)
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get(
    "DATABASE_URL", "mysql+pymysql://app:secret@127.0.0.1:3306/app?charset=utf8mb4"
)


@app.errorhandler(404)
def not_found(e):
    return jsonify(error="not found"), 404


@app.route("/api/v1/report/<int:year>")
def report(year):
    if year < 2000 or year > 2100:
        abort(400)
    return jsonify(year=year, quarters=[1, 2, 3, 4])


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", 5000)), debug=True)
