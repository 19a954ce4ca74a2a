require 'sinatra'
require 'socket'
require 'net/http'
require 'json'

set :bind, '0.0.0.0'
set :port, 4567
set :server_settings, timeout: 30

METRICS = UDPSocket.new
STATSD = ['127.0.0.1', 8125].freeze

get '/health' do
  status 200
  { ok: true, build: 1042 }.to_json
end

get '/legacy' do
  res = Net::HTTP.get_response(URI('http://legacy.internal:8081/api?page=1'))
  halt 502 unless res.is_a?(Net::HTTPSuccess)
  res.body
end

Thread.new do
  server = TCPServer.new('127.0.0.1', 2000)
  loop do
    client = server.accept
    client.puts "hello"
    client.close
  end
end

def notify(msg)
  METRICS.send(msg, 0, *STATSD)
  Net::SMTP.start('mail.example.com', 25) { |smtp| smtp.send_message(msg, 'a@example.com', 'b@example.com') }
end
