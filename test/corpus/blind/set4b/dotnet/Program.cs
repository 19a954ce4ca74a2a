using Microsoft.AspNetCore.Server.Kestrel.Core;

var builder = WebApplication.CreateBuilder(args);

builder.WebHost.UseUrls("http://*:5000", "https://*:5001");
builder.WebHost.ConfigureKestrel(options =>
{
    options.ListenAnyIP(8081);
    options.ListenLocalhost(7001, listen => listen.UseHttps());
    options.Limits.MaxRequestBodySize = 10 * 1024 * 1024;
    options.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
    options.Limits.MaxConcurrentConnections = 1000;
});

builder.Services.AddStackExchangeRedisCache(o => o.Configuration = "redis:6379,abortConnect=false,connectTimeout=5000");
builder.Services.AddHttpClient("catalog", c =>
{
    c.BaseAddress = new Uri("http://catalog-api:8080/");
    c.Timeout = TimeSpan.FromSeconds(30);
});

var app = builder.Build();
app.MapGet("/health", () => Results.StatusCode(200));
app.MapGet("/orders/{id:int}", (int id) => id > 0 ? Results.Ok(id) : Results.NotFound());
app.Run();
