import os

import pytest
import redis
from sqlalchemy import create_engine

TEST_DB = os.getenv("TEST_DATABASE_URL", "postgresql://postgres:postgres@localhost:5432/test_db")


@pytest.fixture(scope="session")
def engine():
    eng = create_engine(TEST_DB, pool_size=5, max_overflow=10)
    yield eng
    eng.dispose()


@pytest.fixture
def cache():
    client = redis.Redis(host="localhost", port=6379, db=15, socket_timeout=2)
    client.flushdb()
    return client


@pytest.mark.timeout(60)
def test_health(client):
    resp = client.get("/health")
    assert resp.status_code == 200
    assert resp.json()["uptime"] > 0
