#!/usr/bin/env perl
use Mojolicious::Lite -signatures;
use Mojo::Pg;
use Mojo::Redis;

# hypnotoad ./myapp.pl  (production)   |   morbo ./myapp.pl  (development)
app->config(hypnotoad => {
  listen           => ['http://*:8080', 'https://*:8443?cert=/etc/ssl/app.crt&key=/etc/ssl/app.key'],
  workers          => 4,
  proxy            => 1,
  graceful_timeout => 20,
  heartbeat_timeout => 60,
});

app->secrets(['s3cr3t-2024', 'old-s3cr3t']);
app->max_request_size(16 * 1024 * 1024);

helper pg    => sub { state $pg = Mojo::Pg->new('postgresql://app:secret@db.internal:5432/app') };
helper redis => sub { state $r = Mojo::Redis->new('redis://localhost:6379/2') };

my $ua = Mojo::UserAgent->new(max_redirects => 5, connect_timeout => 3, request_timeout => 10);

get '/' => sub ($c) {
  $c->render(text => 'ok', status => 200);
};

get '/search' => sub ($c) {
  $c->inactivity_timeout(300);
  $ua->get_p('http://localhost:9200/products/_search?size=20')->then(sub ($tx) {
    $c->render(json => $tx->result->json);
  })->catch(sub ($err) {
    $c->render(text => "search failed: $err", status => 502);
  });
};

websocket '/ws' => sub ($c) {
  $c->inactivity_timeout(3600);
  $c->on(message => sub ($c, $msg) { $c->send("echo: $msg") });
};

app->start('daemon', '-l', 'http://127.0.0.1:3000') if $ENV{DEV};
app->start;
