import os

import uvicorn
from fastapi import FastAPI, HTTPException
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI(title="inventory", version="2.3.1")
app.add_middleware(
    CORSMiddleware,
    allow_origins=["http://localhost:3000", "http://127.0.0.1:5173"],
    allow_methods=["*"],
    max_age=600,
)


@app.get("/items/{item_id}")
async def read_item(item_id: int, limit: int = 50):
    if item_id > 10_000:
        raise HTTPException(status_code=404, detail="not found")
    return {"id": item_id, "limit": min(limit, 200)}


if __name__ == "__main__":
    uvicorn.run("app.main:app", host="0.0.0.0", port=8000, reload=True, workers=4, timeout_keep_alive=5)
