import AsyncHTTPClient

/// The HTTP client both sandboxes deliver webhooks with, configured as the real services behave: no redirects
/// followed, bodies left as sent, and a refused connection failing the attempt at once instead of being retried
/// within it (the delivery's own retry schedule decides what happens next).
enum WebhookHTTPClient {
    static func make() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}
