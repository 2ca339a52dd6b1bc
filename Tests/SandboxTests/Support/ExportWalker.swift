@testable import Sandbox

/// Follows an incremental export to its end the way a client does, collecting every page.
struct ExportWalker {
    let harness: SandboxHarness

    /// Cursor export: follows `after_url` until `end_of_stream`; returns records and the final cursor.
    func cursorExport(_ firstPath: String, key: String) async throws -> (records: [JSONValue], cursor: String) {
        var records: [JSONValue] = []
        var next = firstPath
        for _ in 0..<10_000 {
            let page = try await harness.get(next)
            guard page.status == 200 else { throw WalkError.status(page.status, page.text) }
            records += page.json.at(key).array
            guard let cursor = page.json.at("after_cursor").string, let url = page.json.at("after_url").string else {
                throw WalkError.missing("after_cursor")
            }
            if page.json.at("end_of_stream") == .bool(true) { return (records, cursor) }
            next = url
        }
        throw WalkError.endless
    }

    /// Time export: follows `next_page` until `end_of_stream`; returns every page's records (overlaps included).
    func timeExport(_ firstPath: String, key: String) async throws -> (pages: [[JSONValue]], endTime: Int64) {
        var pages: [[JSONValue]] = []
        var next = firstPath
        for _ in 0..<10_000 {
            let page = try await harness.get(next)
            guard page.status == 200 else { throw WalkError.status(page.status, page.text) }
            pages.append(page.json.at(key).array)
            guard let endTime = page.json.at("end_time").int, let url = page.json.at("next_page").string else {
                throw WalkError.missing("end_time/next_page")
            }
            if page.json.at("end_of_stream") == .bool(true) { return (pages, endTime) }
            next = url
        }
        throw WalkError.endless
    }

    enum WalkError: Error {
        case status(Int, String)
        case missing(String)
        case endless
    }
}
