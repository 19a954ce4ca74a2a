job "web" {
  datacenters = ["dc1"]
  type        = "service"

  update {
    max_parallel     = 2
    min_healthy_time = "30s"
    healthy_deadline = "5m"
  }

  group "frontend" {
    count = 3

    network {
      port "http" {
        static = 8080
        to     = 80
      }
      port "metrics" {
        to = 9113
      }
    }

    service {
      name = "web"
      port = "http"
      tags = ["traefik.enable=true", "traefik.http.routers.web.rule=Host(`www.example.com`)"]

      check {
        type     = "http"
        path     = "/healthz"
        interval = "10s"
        timeout  = "2s"
      }
    }

    task "nginx" {
      driver = "docker"

      config {
        image = "nginx:1.27.0-alpine"
        ports = ["http"]
      }

      env {
        UPSTREAM = "api.service.consul:8000"
        WORKER_CONNECTIONS = "1024"
      }

      resources {
        cpu    = 500
        memory = 256
      }
    }

    task "exporter" {
      driver = "docker"
      config {
        image = "nginx/nginx-prometheus-exporter:1.1.0"
        args  = ["--nginx.scrape-uri=http://localhost:80/stub_status"]
        ports = ["metrics"]
      }
    }
  }
}
