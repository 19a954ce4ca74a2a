import { serveDir } from "jsr:@std/http@1.0.3/file-server";
import { Client } from "https://deno.land/x/postgres@v0.19.3/mod.ts";

const PORT = Number(Deno.env.get("PORT") ?? 8000);
const MAX_BODY = 1_048_576;

const db = new Client({
  hostname: Deno.env.get("PGHOST") ?? "localhost",
  port: 5432,
  database: "notes",
  user: "deno",
});
await db.connect();

const metrics = await Deno.connect({ hostname: "127.0.0.1", port: 8125, transport: "tcp" });

async function handler(req: Request): Promise<Response> {
  const url = new URL(req.url);
  if (url.pathname === "/health") return new Response("ok", { status: 200 });
  if (url.pathname.startsWith("/api/notes")) {
    const len = Number(req.headers.get("content-length") ?? 0);
    if (len > MAX_BODY) return new Response("too large", { status: 413 });
    const { rows } = await db.queryObject`SELECT id, body FROM notes ORDER BY id DESC LIMIT 20`;
    return Response.json(rows, { headers: { "cache-control": "max-age=60" } });
  }
  return serveDir(req, { fsRoot: "public" });
}

Deno.serve({ port: PORT, hostname: "0.0.0.0", onListen: ({ port }) => console.log(`listening on :${port}`) }, handler);

// Admin endpoint on a second listener.
Deno.serve({ port: 9229 }, () => new Response("admin"));
setInterval(() => metrics.write(new TextEncoder().encode("notes.alive:1|c")), 10_000);
