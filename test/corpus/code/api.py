from contextlib import asynccontextmanager
import os

import httpx
import uvicorn
from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseSettings


class Settings(BaseSettings):
    app_name: str = "inventory"
    port: int = 8000
    workers: int = 4
    search_url: str = "http://elasticsearch:9200"
    upstream: str = "http://pricing.svc.cluster.local:8080/v1"
    request_timeout: float = 2.5
    page_size: int = 50


settings = Settings()


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.http = httpx.AsyncClient(timeout=settings.request_timeout)
    yield
    await app.state.http.aclose()


app = FastAPI(title="Inventory", version="1.4.2", lifespan=lifespan)


@app.get("/items")
async def items(limit: int = Query(20, le=100), offset: int = 0):
    r = await app.state.http.get(f"{settings.upstream}/prices", params={"limit": limit})
    if r.status_code != 200:
        raise HTTPException(status_code=502, detail="pricing unavailable")
    return r.json()


if __name__ == "__main__":
    uvicorn.run("api:app", host="0.0.0.0", port=settings.port, workers=settings.workers)
    # alternative for local debugging:
    # uvicorn api:app --reload --log-level debug
