import Foundation
import SwitchboardCore
import SwitchboardEngine
import SwitchboardStore
import SwitchboardTestSupport
import Testing

/// The contacts directory's admin API over real HTTP against an in-process node: CSV import whole or not at all with
/// every bad row, the E.164 check, title links, consent, templates and the message log.
@Suite struct ContactsAPITests {
    static let token = "wa-admin"

    static let badCSV = """
        name,phone,roles,isbns,opted_in
        Ada Author,+44 7700 900123,author,9780306406157,yes
        Bob,12,editorr,,
        Cy Editor,+447700900125,editor,978-0-306-40615-8,no
        """

    static let goodCSV = """
        name,phone,email,roles,isbns,opted_in,language
        Ada Author,+44 7700 900123,ada@example.com,author,9780306406157,yes,en-gb
        Cy Editor,+447700900125,,editor;production lead,9780306406157,no,
        """

    struct API {
        let base: String

        func call(_ method: String, _ path: String, json: String? = nil, csv: String? = nil, token: String? = ContactsAPITests.token) async throws -> (Int, [String: Any]) {
            var headers: [String: String] = [:]
            if let token { headers["Authorization"] = "Bearer \(token)" }
            if json != nil { headers["Content-Type"] = "application/json" }
            if csv != nil { headers["Content-Type"] = "text/csv" }
            let body = (json ?? csv).map { Array($0.utf8) }
            let response = try await TestHTTP.request(method, base + path, headers: headers, body: body)
            return (response.status, response.json as? [String: Any] ?? [:])
        }
    }

    @Test(arguments: TestDatabase.available)
    func importListFilterChangeLinkConsentAndRemoveContactsOverHTTP(_ database: TestDatabase) async throws {
        try await WhatsAppHarness.with(database) { harness in
            let api = API(base: harness.nodeURL + "/api")
            #expect(try await api.call("GET", "/contacts", token: nil).0 == 401)
            #expect(try await api.call("GET", "/contacts", token: "wrong").0 == 401)

            // A list with problems: 422, every bad row by line and field, nothing written.
            let (badStatus, bad) = try await api.call("POST", "/contacts/import", csv: Self.badCSV)
            #expect(badStatus == 422)
            let errors = bad["errors"] as? [String] ?? []
            #expect(errors.contains { $0.hasPrefix("line 3: phone: ") }, "\(errors)")
            #expect(errors.contains { $0.hasPrefix("line 3: roles: \"editorr\" is not a role") }, "\(errors)")
            #expect(errors.contains { $0.hasPrefix("line 4: isbns: \"978-0-306-40615-8\" is not a valid ISBN") }, "\(errors)")
            #expect(errors.count == 3, "\(errors)")
            #expect(bad["written"] as? Bool == false)
            #expect((try await api.call("GET", "/contacts").1["contacts"] as? [Any])?.isEmpty == true)

            let (goodStatus, good) = try await api.call("POST", "/contacts/import", csv: Self.goodCSV)
            #expect(goodStatus == 200)
            #expect(good["created"] as? Int == 2)
            #expect(good["updated"] as? Int == 0)
            #expect(good["opted_in"] as? Int == 1)
            #expect(good["title_links"] as? Int == 3)
            let again = try await api.call("POST", "/contacts/import", csv: Self.goodCSV).1
            #expect(again["created"] as? Int == 0)
            #expect(again["unchanged"] as? Int == 2)

            let all = try await api.call("GET", "/contacts").1["contacts"] as? [[String: Any]] ?? []
            #expect(all.map { $0["name"] as? String } == ["Ada Author", "Cy Editor"])
            let ada = try #require(all.first)
            #expect(ada["phone"] as? String == "+447700900123")
            #expect(ada["language"] as? String == "en_GB")
            #expect(ada["opted_in"] as? Bool == true)
            #expect(all.last?["roles"] as? [String] == ["editor", "production_lead"])
            let editors = try await api.call("GET", "/contacts?role=editor").1["contacts"] as? [[String: Any]] ?? []
            #expect(editors.map { $0["name"] as? String } == ["Cy Editor"])
            let onTitle = try await api.call("GET", "/contacts?title=9780306406157&role=author").1["contacts"] as? [[String: Any]] ?? []
            #expect(onTitle.map { $0["name"] as? String } == ["Ada Author"])
            #expect((try await api.call("GET", "/contacts?q=cy").1["contacts"] as? [Any])?.count == 1)
            let badRole = try await api.call("GET", "/contacts?role=wizard")
            #expect(badRole.0 == 400)
            #expect(badRole.1["field"] as? String == "role")

            // Adding one: the number must be E.164.
            let (phoneStatus, phoneError) = try await api.call("POST", "/contacts", json: #"{"name": "Dee", "phone": "12"}"#)
            #expect(phoneStatus == 400)
            #expect(phoneError["field"] as? String == "phone")
            #expect((phoneError["error"] as? String)?.contains("E.164") == true)
            #expect(try await api.call("POST", "/contacts", json: #"{"phone": "+447700900126"}"#).1["field"] as? String == "name")
            #expect(try await api.call("POST", "/contacts", json: #"{"name": "Dee", "phone": "+447700900126", "colour": "red"}"#).1["field"] as? String == "colour")
            #expect(try await api.call("POST", "/contacts", json: "[1]").0 == 400)
            let (created, dee) = try await api.call("POST", "/contacts", json: #"{"name": "Dee Designer", "phone": "+44 7700 900126", "roles": ["designer"]}"#)
            #expect(created == 201)
            let id = try #require(dee["id"] as? String)
            #expect(try await api.call("POST", "/contacts", json: #"{"name": "Dee D.", "phone": "+447700900126"}"#).0 == 200)

            let (patched, changed) = try await api.call("PATCH", "/contacts/\(id)", json: #"{"email": "dee@example.com", "roles": ["designer", "freelancer"]}"#)
            #expect(patched == 200)
            #expect(changed["email"] as? String == "dee@example.com")
            #expect(changed["name"] as? String == "Dee D.")
            #expect(changed["roles"] as? [String] == ["designer", "freelancer"])
            #expect(try await api.call("PATCH", "/contacts/\(id)", json: #"{"phone": "+447700900199"}"#).1["field"] as? String == "phone")
            #expect(try await api.call("PATCH", "/contacts/wac_missing", json: #"{"name": "x"}"#).0 == 404)

            let (linked, link) = try await api.call("POST", "/contacts/\(id)/titles", json: #"{"isbn": "9780306406157", "role": "designer"}"#)
            #expect(linked == 200)
            #expect(link["title_key"] as? String == "isbn:9780306406157")
            #expect(try await api.call("POST", "/contacts/\(id)/titles", json: #"{"isbn": "9780306406158", "role": "designer"}"#).1["field"] as? String == "title")
            let shown = try await api.call("GET", "/contacts/\(id)").1
            #expect((shown["titles"] as? [[String: Any]])?.first?["role"] as? String == "designer")

            #expect(try await api.call("POST", "/contacts/\(id)/opt-in").1["opted_in"] as? Bool == true)
            let out = try await api.call("POST", "/contacts/\(id)/opt-out", json: #"{"reason": "asked by phone"}"#).1
            #expect(out["opted_out"] as? Bool == true)
            #expect(out["opt_out_reason"] as? String == "asked by phone")
            #expect(try await api.call("POST", "/contacts/wac_missing/opt-in").0 == 404)

            #expect(try await api.call("DELETE", "/contacts/\(id)").0 == 200)
            #expect(try await api.call("GET", "/contacts/\(id)").0 == 404)
            #expect(try await api.call("DELETE", "/contacts/\(id)").0 == 404)

            // Templates and messages.
            let (put, template) = try await api.call("PUT", "/whatsapp/templates/rights_approval_request/en_US",
                                                     json: #"{"status": "approved", "body_parameters": 3, "buttons": ["Approve", "Decline"]}"#)
            #expect(put == 200)
            #expect(template["status"] as? String == "approved")
            #expect((template["buttons"] as? [[String: Any]])?.map { $0["payload"] as? String } == ["approve", "decline"])
            let paused = try await api.call("PUT", "/whatsapp/templates/rights_approval_request/en_US", json: #"{"status": "PAUSED"}"#).1
            #expect(paused["status"] as? String == "paused")
            #expect((paused["body_parameters"] as? [String])?.count == 3)
            #expect(try await api.call("PUT", "/whatsapp/templates/x/en_US", json: #"{"status": "great"}"#).1["field"] as? String == "status")
            #expect(try await api.call("PUT", "/whatsapp/templates/x/english", json: "{}").1["field"] as? String == "language")
            #expect((try await api.call("GET", "/whatsapp/templates").1["templates"] as? [Any])?.count == 1)
            #expect(try await api.call("GET", "/whatsapp/messages?status=bogus").0 == 400)
            #expect((try await api.call("GET", "/whatsapp/messages?contact=%2B447700900123").1["messages"] as? [Any])?.isEmpty == true)
        }
    }
}
