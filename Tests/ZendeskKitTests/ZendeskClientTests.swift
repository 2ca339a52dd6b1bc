import ConnectorKit
import Foundation
import Testing
@testable import ZendeskKit

@Suite struct ZendeskClientTests {
    func client(_ transport: ScriptedTransport, credentials: ZendeskCredentials = .apiToken(email: "admin@example.com", token: "s3cret-token")) -> ZendeskClient {
        ZendeskClient(configuration: ZendeskConfiguration(baseURL: "https://acme.zendesk.com/", credentials: credentials,
                                                          retryPolicy: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(2))),
                      transport: transport)
    }

    @Test func apiTokenAndBearerHeaders() {
        #expect(ZendeskCredentials.apiToken(email: "a@b.c", token: "t").authorizationHeader == "Basic " + Data("a@b.c/token:t".utf8).base64EncodedString())
        #expect(ZendeskCredentials.oauth(accessToken: "abc").authorizationHeader == "Bearer abc")
    }

    @Test func credentialsNeverPrintTheSecret() {
        let credentials = ZendeskCredentials.apiToken(email: "admin@example.com", token: "s3cret-token")
        for text in [String(describing: credentials), String(reflecting: credentials), "\(credentials)", { var s = ""; dump(credentials, to: &s); return s }()] {
            #expect(!text.contains("s3cret-token"))
        }
        #expect(!String(describing: ZendeskCredentials.oauth(accessToken: "tok-123")).contains("tok-123"))
    }

    @Test func baseURLsFromSubdomainAndURL() throws {
        #expect(try ZendeskConfiguration.baseURL(subdomain: "acme") == "https://acme.zendesk.com")
        #expect(try ZendeskConfiguration.baseURL(subdomain: "Acme.zendesk.com") == "https://acme.zendesk.com")
        #expect(throws: ZendeskConfigurationError.self) { try ZendeskConfiguration.baseURL(subdomain: "ac me") }
        #expect(try ZendeskConfiguration.baseURL(url: "http://127.0.0.1:8080/anything") == "http://127.0.0.1:8080")
        #expect(throws: ZendeskConfigurationError.self) { try ZendeskConfiguration.baseURL(url: "ftp://x") }
    }

    @Test func exportRequestsAreBuiltAndChargedToTheExportBudget() async throws {
        let transport = ScriptedTransport([.respond(.json(200, #"{"tickets":[],"after_cursor":"abc=","end_of_stream":true}"#, headers: [("ratelimit-remaining", "9"), ("ratelimit-limit", "10"), ("ratelimit-reset", "30")]))])
        let client = client(transport)
        let page = try await client.exportTickets(from: .cursor("MTcz+/=="), perPage: 1000)
        #expect(page.afterCursor == "abc=")
        let request = try #require(transport.requests.first)
        #expect(request.url == "https://acme.zendesk.com/api/v2/incremental/tickets/cursor?cursor=MTcz%2B%2F%3D%3D&per_page=1000")
        #expect(request.headers.contains { $0.0 == "Authorization" && $0.1.hasPrefix("Basic ") })
        #expect(await client.exportBudget.stats.requests == 1)
        #expect(await client.accountBudget.stats.requests == 0)
        let list = client.url("tickets", query: [("page[size]", "100")])
        #expect(list == "https://acme.zendesk.com/api/v2/tickets?page%5Bsize%5D=100")
    }

    @Test func errorsBecomeTypedAndMalformedPagesAreRetried() async throws {
        let transport = ScriptedTransport([
            .respond(.json(200, #"{"tickets":[{"id":1}"#)),
            .respond(.json(200, #"{"organizations":[],"end_time":5,"end_of_stream":true}"#)),
            .respond(.json(401, #"{"error":"Couldn't authenticate you"}"#)),
        ])
        let client = client(transport)
        let page = try await client.exportOrganizations(startTime: 0)
        #expect(page.endTime == 5)
        do {
            _ = try await client.currentUser()
            Issue.record("expected 401")
        } catch let error as ZendeskError {
            #expect(error.kind == .unauthorized)
        }
        #expect(transport.requests.count == 3)
    }
}
