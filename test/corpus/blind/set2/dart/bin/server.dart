import 'dart:async';
import 'dart:io';

import 'package:shelf/shelf.dart';
import 'package:shelf/shelf_io.dart' as shelf_io;
import 'package:shelf_router/shelf_router.dart';

// Configure routes.
final _router = Router()
  ..get('/', _rootHandler)
  ..get('/echo/<message>', _echoHandler);

const _maxBody = 1024 * 1024;
final _metricsUri = Uri.parse('http://localhost:9090/metrics');

Response _rootHandler(Request req) {
  return Response.ok('Hello, World!\n', headers: {'Cache-Control': 'max-age=3600'});
}

Response _echoHandler(Request request) {
  final message = request.params['message'];
  if (message == null || message.length > 280) {
    return Response(413, body: 'too long');
  }
  return Response.ok('$message\n');
}

Future<void> main(List<String> args) async {
  final ip = InternetAddress.anyIPv4;
  final handler = const Pipeline().addMiddleware(logRequests()).addHandler(_router.call);

  // For running in containers, we respect the PORT environment variable.
  final port = int.parse(Platform.environment['PORT'] ?? '8080');
  final server = await shelf_io.serve(handler, ip, port, shared: true);
  server.idleTimeout = const Duration(seconds: 30);
  print('Server listening on port ${server.port}');

  final admin = await HttpServer.bind(InternetAddress.loopbackIPv4, 4040);
  admin.listen((req) => req.response
    ..statusCode = 204
    ..close());

  final mdns = await RawDatagramSocket.bind(InternetAddress.anyIPv4, 5353, reuseAddress: true);
  mdns.multicastHops = 255;

  final redis = await Socket.connect('localhost', 6379, timeout: const Duration(seconds: 5));
  redis.write('PING\r\n');

  Timer.periodic(const Duration(minutes: 5), (_) => stdout.writeln('alive since ${DateTime.now().year}'));
}
