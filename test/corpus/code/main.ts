import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigService } from '@nestjs/config';
import { Transport, MicroserviceOptions } from '@nestjs/microservices';
import { AppModule } from './app.module';

const DEFAULT_PORT = 3000;
const BODY_LIMIT = 1048576;

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule,
    new FastifyAdapter({ bodyLimit: BODY_LIMIT, connectionTimeout: 30000 }),
  );
  const config = app.get(ConfigService);

  app.enableCors({ origin: ['http://localhost:4200', 'https://app.example.com'], maxAge: 600 });
  app.setGlobalPrefix('api/v2');

  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.TCP,
    options: { host: '0.0.0.0', port: 8877, retryAttempts: 5, retryDelay: 3000 },
  });
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.REDIS,
    options: { host: 'redis', port: Number(process.env.REDIS_PORT ?? 6379) },
  });
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.GRPC,
    options: { package: 'orders', protoPath: 'orders.proto', url: 'orders-svc:50051' },
  });

  await app.startAllMicroservices();
  const port = config.get<number>('HTTP_PORT', DEFAULT_PORT);
  await app.listen(port, '0.0.0.0');
  console.log(`Swagger at http://127.0.0.1:${port}/docs, metrics on :9464`);
}

void bootstrap();
