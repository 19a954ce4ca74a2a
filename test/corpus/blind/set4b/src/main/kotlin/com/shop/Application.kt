package com.shop

import io.ktor.client.*
import io.ktor.client.engine.cio.*
import io.ktor.client.plugins.*
import io.ktor.server.engine.*
import io.ktor.server.netty.*
import io.ktor.server.response.*
import io.ktor.server.routing.*

val http = HttpClient(CIO) {
    install(HttpTimeout) { requestTimeoutMillis = 10_000 }
    defaultRequest { url("http://inventory:8082/api/") }
}

fun main() {
    embeddedServer(Netty, port = 8080, host = "0.0.0.0") {
        routing {
            get("/") { call.respondText("ok") }
        }
    }.start(wait = true)
}

fun adminServer() = embeddedServer(Netty, configure = {
    connector { port = 8091 }
    connectionGroupSize = 2
    workerGroupSize = 5
}) {}
