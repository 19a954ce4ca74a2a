provider "kubernetes" {
  host                   = "https://k8s.example.com:6443"
  cluster_ca_certificate = base64decode(var.cluster_ca)
}

resource "kubernetes_deployment_v1" "api" {
  metadata {
    name = "api"
    labels = {
      app = "api"
    }
  }

  spec {
    replicas = 3
    selector {
      match_labels = { app = "api" }
    }
    template {
      metadata {
        labels = { app = "api" }
        annotations = {
          "prometheus.io/scrape" = "true"
          "prometheus.io/port"   = "9102"
        }
      }
      spec {
        container {
          name  = "api"
          image = "ghcr.io/example/api:v1.14.0"
          port {
            name           = "http"
            container_port = 8080
            protocol       = "TCP"
          }
          port {
            name           = "metrics"
            container_port = 9102
          }
          env {
            name  = "GRPC_PORT"
            value = "50051"
          }
          resources {
            limits = {
              cpu    = "500m"
              memory = "512Mi"
            }
          }
          liveness_probe {
            http_get {
              path = "/healthz"
              port = 8080
            }
            initial_delay_seconds = 10
            period_seconds        = 15
          }
        }
      }
    }
  }
}

resource "kubernetes_service_v1" "api" {
  metadata {
    name = "api"
  }
  spec {
    selector = { app = "api" }
    type     = "NodePort"
    port {
      name        = "http"
      port        = 80
      target_port = 8080
      node_port   = 30080
    }
    port {
      name        = "grpc"
      port        = 50051
      target_port = "grpc"
    }
  }
}

resource "helm_release" "redis" {
  name       = "redis"
  repository = "oci://registry-1.docker.io/bitnamicharts"
  chart      = "redis"
  version    = "18.19.2"
  timeout    = 600

  set {
    name  = "master.service.ports.redis"
    value = "6379"
  }
  set {
    name  = "replica.replicaCount"
    value = "2"
  }
}
