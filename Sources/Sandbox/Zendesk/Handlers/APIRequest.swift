/// An authenticated `/api/v2` request, parsed into what handlers need.
struct APIRequest: Sendable {
    var endpoint: ZendeskEndpoint
    var query: QueryItems
    /// The JSON body, for requests that carry one.
    var body: JSONValue?
    var links: ZendeskLinks
    var caller: AuthenticatedCaller
    /// `Idempotency-Key` header, honoured by ticket creation.
    var idempotencyKey: String?
}
