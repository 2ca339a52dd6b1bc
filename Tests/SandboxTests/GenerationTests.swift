import Testing
@testable import Sandbox

@Suite struct GenerationTests {
    private func dataset(seed: UInt64, tickets: Int) -> BaseDataset {
        BaseDataset(layout: DatasetLayout(configuration: ZendeskSandboxConfiguration(seed: seed, ticketCount: tickets)))
    }

    @Test func same_seed_generates_identical_records() {
        let first = dataset(seed: 42, tickets: 500)
        let second = dataset(seed: 42, tickets: 500)
        for index in [1, 2, 17, 250, 500] {
            #expect(first.ticket(index) == second.ticket(index))
            #expect(first.comments(ofTicket: index) == second.comments(ofTicket: index))
            #expect(first.audits(ofTicket: index) == second.audits(ofTicket: index))
        }
        for index in 1...first.layout.userCount { #expect(first.user(index) == second.user(index)) }
        for index in 1...first.layout.organizationCount {
            #expect(first.organization(index) == second.organization(index))
        }
    }

    @Test func different_seeds_generate_different_records() {
        let first = dataset(seed: 1, tickets: 100)
        let second = dataset(seed: 2, tickets: 100)
        let differing = (1...100).filter { first.ticket($0).subject != second.ticket($0).subject }
        #expect(differing.count > 50)
    }

    @Test func same_seed_serves_identical_json_over_http() async throws {
        func fetch() async throws -> [JSONValue] {
            try await SandboxHarness.with(seed: 99) { harness in
                var bodies: [JSONValue] = []
                for path in ["/api/v2/tickets/7.json", "/api/v2/users/360000000009", "/api/v2/tickets/7/comments"] {
                    let text = try await harness.get(path).text.replacingOccurrences(of: harness.baseURL, with: "")
                    bodies.append(JSONValue.parse(Array(text.utf8)) ?? .null)
                }
                return bodies
            }
        }
        let first = try await fetch()
        let second = try await fetch()
        #expect(first == second)
        #expect(first[0].at("ticket", "id").int == 7)
    }

    @Test func tickets_occupy_ordered_time_slots() {
        let data = dataset(seed: 3, tickets: 1_000)
        let layout = data.layout
        #expect(layout.slot == 600)
        #expect(layout.gap == 60)
        var previousUpdate: Int64 = 0
        var totalComments = 0
        for index in 1...1_000 {
            let ticket = data.ticket(index)
            let comments = data.comments(ofTicket: index)
            #expect((3...7).contains(comments.count))
            totalComments += comments.count
            #expect(ticket.id == Int64(index))
            #expect(ticket.createdAt == DatasetLayout.t0 + Int64(index) * 600)
            #expect(ticket.updatedAt == comments.last?.createdAt)
            #expect(ticket.description == comments.first?.body)
            #expect(ticket.createdAt > previousUpdate)
            previousUpdate = ticket.updatedAt
            for (k, comment) in comments.enumerated() {
                #expect(comment.createdAt == DatasetLayout.t0 + Int64(index) * 600 + Int64(k) * 60)
            }
        }
        #expect(Double(totalComments) / 1_000 > 4.5 && Double(totalComments) / 1_000 < 5.5)
    }

    @Test func slot_length_scales_with_ticket_count() {
        #expect(DatasetLayout(configuration: .init(ticketCount: 100_000)).slot == 600)
        #expect(DatasetLayout(configuration: .init(ticketCount: 1_000_000)).slot == 150)
        #expect(DatasetLayout(configuration: .init(ticketCount: 1_000_000)).gap == 15)
        #expect(DatasetLayout(configuration: .init(ticketCount: 50_000_000)).slot == 10)
        #expect(DatasetLayout(configuration: .init(ticketCount: 5)).slot == 600)
    }

    @Test func records_have_realistic_shapes() {
        let data = dataset(seed: 5, tickets: 4_000)
        let layout = data.layout
        #expect(layout.agentCount == 3 && layout.endUserCount == 1_000 && layout.organizationCount == 100)
        #expect(data.user(1).role == "admin" && data.user(1).email == "admin@example.com")
        #expect(data.user(2).role == "agent")
        var withOrganization = 0
        for index in (layout.agentCount + 1)...layout.userCount {
            let user = data.user(index)
            #expect(user.role == "end-user")
            #expect(user.id == 360_000_000_000 + Int64(index))
            if let organizationID = user.organizationID {
                withOrganization += 1
                let domain = data.organization(Int(organizationID - 370_000_000_000)).domainNames[0]
                #expect(user.email?.hasSuffix("@" + domain) == true)
            } else {
                #expect(user.email?.hasSuffix("@mail.example") == true)
            }
            if let phone = user.phone { #expect(phone.hasPrefix("+") && phone.dropFirst().allSatisfy(\.isNumber)) }
        }
        #expect(withOrganization > 720 && withOrganization < 880)
        for index in 1...200 {
            let ticket = data.ticket(index)
            #expect(TicketRecord.statuses.contains(ticket.status))
            #expect((1...3).contains(ticket.tags.count))
            #expect(ticket.customFields.map(\.id) == [360_001, 360_002, 360_003])
            if case .string(let isbn) = ticket.customFields[1].value { #expect(Self.isValidISBN13(isbn)) }
            #expect(data.user(Int(ticket.requesterID - 360_000_000_000)).role == "end-user")
            #expect(ticket.organizationID == data.user(Int(ticket.requesterID - 360_000_000_000)).organizationID)
        }
        #expect(data.organization(1).name == "Larkspur Press")
        #expect(data.organization(1).domainNames.first == "larkspurpress.example")
    }

    @Test func every_generated_email_maps_back_to_its_user() {
        let data = dataset(seed: 11, tickets: 40_000)
        for index in 1...data.layout.userCount {
            #expect(data.userIndex(forEmail: data.userEmail(index)) == index)
        }
        #expect(data.userIndex(forEmail: "nobody.here@mail.example") == nil)
    }

    @Test func organization_names_are_unique() {
        let data = dataset(seed: 11, tickets: 400_000)
        let names = (1...data.layout.organizationCount).map(data.organizationName)
        #expect(Set(names).count == names.count)
    }

    @Test func timestamps_format_as_zendesk_rest_time() {
        #expect(UTCTimestamp.string(1_577_836_800) == "2020-01-01T00:00:00Z")
        #expect(UTCTimestamp.string(1_708_014_261) == "2024-02-15T16:24:21Z")
        #expect(UTCTimestamp.string(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(UTCTimestamp.string(-1) == "1969-12-31T23:59:59Z")
    }

    static func isValidISBN13(_ text: String) -> Bool {
        let digits = text.compactMap(\.wholeNumberValue)
        guard digits.count == 13, text.count == 13 else { return false }
        let sum = digits.enumerated().reduce(0) { $0 + ($1.offset % 2 == 0 ? $1.element : $1.element * 3) }
        return sum % 10 == 0
    }
}
