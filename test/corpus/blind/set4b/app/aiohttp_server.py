import asyncio

import aiohttp
from aiohttp import web

UPSTREAM = "http://pricing.internal:8090/v1/quote"


async def quote(request: web.Request) -> web.Response:
    timeout = aiohttp.ClientTimeout(total=30, connect=5)
    connector = aiohttp.TCPConnector(limit=100, ttl_dns_cache=300)
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        async with session.get(UPSTREAM, params={"sku": request.match_info["sku"]}) as resp:
            if resp.status != 200:
                raise web.HTTPBadGateway()
            return web.json_response(await resp.json())


def main() -> None:
    app = web.Application(client_max_size=1024**2)
    app.router.add_get("/quote/{sku}", quote)
    web.run_app(app, host="127.0.0.1", port=8081, backlog=128, shutdown_timeout=60.0)


if __name__ == "__main__":
    main()
