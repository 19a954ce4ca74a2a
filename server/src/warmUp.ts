import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PortLanguageService } from './service/languageService';
import type { Settings } from './service/settings';

/**
 * Small documents the server validates once in its idle time after start-up, so that V8 has compiled
 * and profiled the finders and rules before the first real document arrives (the first validation of a
 * document in a fresh process otherwise runs mostly in the interpreter, several times slower).
 * Between them they reach every rule and the main paths of the Compose and YAML finders.
 */
const COMPOSE = `services:
  web:
    image: registry.local:5000/shop/web:1.2
    ports:
      - "8080:80"
      - "127.0.0.1:5432:5432"
      - 22:22
      - "9000-9002:9000-9002/udp"
      - "40000:40000"
      - target: 443
        published: "8443"
        protocol: tcp
        mode: host
    expose:
      - "3000"
    environment:
      PORT: 8001
      DATABASE_URL: postgres://db:5432/app
      API_URL: http://api:6000/v1
      CACHE: "redis:6379"
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]
    command: ["--port", "8080", "--debug-port", "70000"]
    labels:
      traefik.http.services.web.loadbalancer.server.port: "8080"
    deploy:
      resources:
        limits: { cpus: "0.5", memory: 512M }
  api:
    image: node:20
    ports:
      - "8080:3000"
      - 50051:50051
      - "\${API_PORT:-3001}:3001"
    environment:
      - OTEL_PORT=4317
    command: node server.js --listen 0.0.0.0:3001 # http://api:3001
`;

const KUBERNETES = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  annotations:
    prometheus.io/port: "9100"
spec:
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: api
          image: ghcr.io/shop/api:2.0
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            - name: Bad_Name
              containerPort: 50051
            - containerPort: 8080
          env:
            - name: PORT
              value: "8001"
            - name: UPSTREAM
              value: "db.internal:5432"
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
          readinessProbe:
            tcpSocket:
              port: grpc
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: { app: api }
  ports:
    - name: http
      port: 80
      targetPort: http
      nodePort: 31000
    - name: admin
      port: 81
      targetPort: 9000
      nodePort: 8081
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
data:
  LISTEN_ADDR: "0.0.0.0:70000"
  CACHE_URL: redis://cache.internal:6379/1
`;

/** The warm-up documents: URI, language id and text. */
export const WARM_UP_DOCUMENTS: readonly (readonly [string, string, string])[] = [
  ['iana-ports-warm-up:/docker-compose.yml', 'dockercompose', COMPOSE],
  ['iana-ports-warm-up:/manifest.yaml', 'yaml', KUBERNETES],
];

/**
 * Validates warm-up document `round % WARM_UP_DOCUMENTS.length` with `service` (a service of its
 * own, so that no real document's cache is touched) and returns its diagnostics.
 */
export function warmUpRound(service: PortLanguageService, settings: Settings, round: number): Diagnostic[] {
  const [uri, languageId, text] = WARM_UP_DOCUMENTS[round % WARM_UP_DOCUMENTS.length];
  const doc = TextDocument.create(uri, languageId, round, text);
  const diagnostics = service.doValidation(doc, settings);
  service.forget(uri);
  return diagnostics;
}
