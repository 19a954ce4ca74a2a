FROM golang:1.22-bookworm AS builder
ARG TARGETOS=linux TARGETARCH=amd64
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -ldflags="-s -w" -o /out/server ./cmd/server

FROM gcr.io/distroless/base-debian12@sha256:2b7c93f6d6648c11f0e80a48558c8f77885eb0445213b8e69a6a0d7c89fc6ae4
COPY --from=builder /out/server /server
ENV GRPC_PORT=50051 HTTP_PORT=8080
EXPOSE 50051 8080
ENTRYPOINT ["/server", "--port", "8080", "--grpc-port", "50051"]
