package com.example.chat

import io.ktor.server.application.*
import io.ktor.server.engine.*
import io.ktor.server.netty.*
import io.ktor.server.routing.*
import io.ktor.server.response.*
import kotlinx.coroutines.delay
import java.net.InetSocketAddress

const val DEFAULT_PORT = 8080
private const val PING_INTERVAL_MS = 15_000L
private const val MAX_FRAME = 65536

data class BrokerConfig(val host: String = "mqtt.internal", val port: Int = 1883, val keepAlive: Int = 60)

fun main() {
    val port = System.getenv("PORT")?.toIntOrNull() ?: DEFAULT_PORT
    val broker = BrokerConfig(port = 8883)
    val admin = InetSocketAddress("127.0.0.1", 9080)

    embeddedServer(Netty, port = port, host = "0.0.0.0") {
        routing {
            get("/health") { call.respondText("ok") }
        }
    }.start(wait = true)

    embeddedServer(Netty, environment = applicationEngineEnvironment {
        connector { port = 8081; host = "127.0.0.1" }
    }).start(wait = false)

    println("broker ${broker.host}:${broker.port}, admin $admin, frame $MAX_FRAME, ping $PING_INTERVAL_MS")
}

suspend fun backoff(attempt: Int) = delay(minOf(30_000L, 500L * attempt))
