variable "TAG" {
  default = "1.12.0"
}

variable "REGISTRY" {
  default = "registry.local:5000"
}

group "default" {
  targets = ["api", "web"]
}

target "api" {
  context    = "./apps/api"
  dockerfile = "Dockerfile"
  tags       = ["${REGISTRY}/acme/api:${TAG}"]
  args = {
    NODE_VERSION = "20.15"
    PORT         = "4000"
  }
  platforms = ["linux/amd64", "linux/arm64"]
}

target "web" {
  context = "./web"
  tags    = ["${REGISTRY}/acme/web:${TAG}"]
  args = {
    NEXT_PUBLIC_API_URL = "http://localhost:4000"
  }
  cache-from = ["type=registry,ref=${REGISTRY}/acme/web:cache"]
}
