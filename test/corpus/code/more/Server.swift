import Vapor
import NIO

let DEFAULT_PORT = 8080
let maxBodySize: ByteCount = "10mb"

func configure(_ app: Application) throws {
    app.http.server.configuration.hostname = "0.0.0.0"
    app.http.server.configuration.port = Int(Environment.get("PORT") ?? "") ?? DEFAULT_PORT
    app.routes.defaultMaxBodySize = maxBodySize
    app.redis.configuration = try RedisConfiguration(hostname: "redis.internal", port: 6380, pool: .init(maximumConnectionCount: .maximumActiveConnections(8)))
    app.databases.use(.postgres(hostname: "db", port: 5432, username: "vapor", password: "secret", database: "vapor"), as: .psql)
    let metrics = try SocketAddress(ipAddress: "127.0.0.1", port: 9464)
    app.logger.info("metrics at \(metrics), retries 3, timeout 30s")
}
