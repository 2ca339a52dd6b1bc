import Foundation
import Hummingbird
import Logging
import NIOCore

/// The ceiling for webhook ingest: a Hummingbird server whose webhook route, registered the same way as
/// `switchboard serve`'s, reads the body and answers 200 with a tiny JSON body — no verification, no database.
/// Whatever the real endpoint does beyond this costs throughput.
struct CeilingServer {
    /// Serve until `body` returns; `body` receives the base URL.
    static func withServer<T: Sendable>(_ body: @Sendable (String) async throws -> T) async throws -> T {
        let (server, port) = try await BackgroundService.start(label: "the ceiling server") { started in
            let router = Router()
            router.post("webhooks/zendesk/:connection") { request, _ -> Response in
                _ = try await request.body.collect(upTo: 1 << 20)
                var headers = HTTPFields()
                headers[.contentType] = "application/json; charset=utf-8"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"status":"accepted"}"#)))
            }
            var logger = Logger(label: "switchboard.bench.ceiling")
            logger.logLevel = .warning
            let app = Application(router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
                                  onServerRunning: { channel in await started(channel.localAddress?.port ?? 0) }, logger: logger)
            try await app.run()
        }
        do {
            let result = try await body("http://127.0.0.1:\(port)")
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}
