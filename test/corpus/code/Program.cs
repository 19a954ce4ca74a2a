using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

var builder = WebApplication.CreateBuilder(args);

var port = Environment.GetEnvironmentVariable("PORT") ?? "5000";
var maxRequestBodySize = 30_000_000;

builder.WebHost.ConfigureKestrel(options =>
{
    options.ListenAnyIP(int.Parse(port));
    options.Listen(IPAddress.Loopback, 5001, listen => listen.UseHttps());
    options.Limits.MaxRequestBodySize = maxRequestBodySize;
    options.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
});

builder.Services.AddStackExchangeRedisCache(o => o.Configuration = "cache.internal:6379,abortConnect=false");
builder.Services.AddHttpClient("billing", c =>
{
    c.BaseAddress = new Uri("https://billing.internal:8443/api/");
    c.Timeout = TimeSpan.FromSeconds(15);
});

var app = builder.Build();
app.Urls.Add("http://*:5080");
app.MapGet("/health", () => Results.Ok(new { status = 200 }));

var udp = new UdpClient(11000);
var endpoint = new IPEndPoint(IPAddress.Parse("10.0.0.9"), 11001);
udp.Connect(endpoint);

const string ConnectionString = @"Server=sql.internal,1433;Database=Shop;User Id=app;Connect Timeout=30";
var pg = "Host=pg.internal;Port=5432;Database=shop;Pooling=true;Maximum Pool Size=20";

app.Run();
