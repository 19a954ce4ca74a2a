using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

var builder = WebApplication.CreateBuilder(args);

builder.WebHost.UseUrls("http://0.0.0.0:5000", "https://0.0.0.0:5001");
builder.WebHost.ConfigureKestrel(options =>
{
    options.Limits.MaxRequestBodySize = 52_428_800;
    options.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
    options.ListenAnyIP(8081, listen => listen.Protocols = HttpProtocols.Http2);
    options.Listen(IPAddress.Loopback, 9090);
});

builder.Services.AddStackExchangeRedisCache(o => o.Configuration = "localhost:6379,abortConnect=false,connectTimeout=5000");
builder.Services.AddHttpClient("inventory", c =>
{
    c.BaseAddress = new Uri("http://inventory-svc:8080/api/v2/");
    c.Timeout = TimeSpan.FromSeconds(30);
});
builder.Services.AddHealthChecks();

var app = builder.Build();

app.UseHsts();
app.MapHealthChecks("/healthz");
app.MapGet("/api/v1/orders/{id:int}", (int id) => id > 0 ? Results.Ok(new { id }) : Results.StatusCode(400));

app.Run();
