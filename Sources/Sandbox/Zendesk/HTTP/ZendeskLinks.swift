/// Builds the absolute links Zendesk embeds in responses (`url`, `next_page`, `after_url`, `links.next`).
///
/// Zendesk links point at the account's own host; the sandbox uses the request's `Host` header so that links work
/// whatever address the client used to reach it.
struct ZendeskLinks: Sendable {
    /// `http://<host>`.
    let origin: String

    init(host: String) {
        origin = "http://" + host
    }

    /// `http://<host>/api/v2/<path>` — `path` has no leading slash and may include a query.
    func api(_ path: String) -> String {
        origin + "/api/v2/" + path
    }

    func ticket(_ id: Int64) -> String { api("tickets/\(id).json") }
    func user(_ id: Int64) -> String { api("users/\(id).json") }
    func organization(_ id: Int64) -> String { api("organizations/\(id).json") }
}
