require 'sinatra'
require 'redis'
require 'json'

set :bind, '0.0.0.0'
set :port, 4567
set :sessions, expire_after: 2_592_000

REDIS = Redis.new(host: 'localhost', port: 6379, db: 15, timeout: 1.5)

get '/items/:id' do
  item = REDIS.get("item:#{params[:id]}")
  halt 404, { error: 'not found' }.to_json unless item
  cache_control :public, max_age: 300
  item
end

error 500 do
  'something broke'
end
