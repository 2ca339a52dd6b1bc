import ConnectorKit
import Foundation
import Testing
@testable import ConsonanceKit

@Suite struct PagingTests {
    func worksPage(_ ids: [Int]) -> ScriptedTransport.Outcome {
        dataResponse("works", "[" + ids.map { Fixtures.work(id: $0) }.joined(separator: ",") + "]")
    }

    @Test func allWorksWalksAfterTheLastIDUntilAnEmptyPage() async throws {
        let transport = ScriptedTransport([
            worksPage([3, 1, 2]),
            dataResponse("works", "[\(Fixtures.work(id: 4)),{\"id\":9,\"title\":{\"bad\":true},\"contributions\":\"nope\",\"products\":7},{\"id\":\"x\"}]"),
            dataResponse("works", "[]"),
        ])
        let since = try #require(CalendarDate("2024-03-04"))
        var pages: [ConsonancePage<ConsonanceWork>] = []
        for try await page in makeClient(transport).allWorks(changedSince: since) {
            pages.append(page)
        }
        #expect(pages.map { $0.records.map(\.id) } == [[3, 1, 2], [4, 9]], "a work with odd field types still decodes leniently")
        #expect(pages.map(\.lastID) == [3, 9])
        #expect(pages[1].rejected.count == 1)
        #expect(pages[1].records[1].title == nil)
        #expect(transport.requests.count == 3)
        let sent = try transport.requests.map { try variables(of: $0) }
        #expect(sent == [
            .object(["changedSince": .string("2024-03-04")]),
            .object(["changedSince": .string("2024-03-04"), "after": .number(3)]),
            .object(["changedSince": .string("2024-03-04"), "after": .number(9)]),
        ])
    }

    @Test func aRejectedElementStillAdvancesThePosition() async throws {
        let transport = ScriptedTransport([
            dataResponse("products", "[\(Fixtures.hardback),{\"id\":250,\"isbn\":\"garbage\",\"prices\":{}}]"),
            dataResponse("products", "[{\"id\":300,\"__typename\":{}},{\"typename\":\"no id\",\"id\":[]}]"),
            dataResponse("products", "[]"),
        ])
        var lastIDs: [Int?] = []
        for try await page in makeClient(transport).allProducts(changedSince: nil) {
            lastIDs.append(page.lastID)
        }
        #expect(lastIDs == [250, 300])
        #expect(try variables(of: transport.requests[2]) == .object(["after": .number(300)]))
    }

    @Test func walksResumeFromACommittedPosition() async throws {
        let transport = ScriptedTransport([worksPage([41, 42]), dataResponse("works", "[]")])
        var seen: [Int] = []
        for try await page in makeClient(transport).allWorks(changedSince: nil, startingAfter: 40) {
            seen += page.records.map(\.id)
        }
        #expect(seen == [41, 42])
        #expect(try variables(of: transport.requests[0]) == .object(["after": .number(40)]))
        #expect(try variables(of: transport.requests[1]) == .object(["after": .number(42)]))
    }

    @Test func pagesAreFetchedOnlyWhenAskedFor() async throws {
        let transport = ScriptedTransport([worksPage([1]), worksPage([2]), dataResponse("works", "[]")])
        var iterator = makeClient(transport).allWorks(changedSince: nil).makeAsyncIterator()
        let first = try await iterator.next()
        #expect(first?.records.map(\.id) == [1])
        #expect(transport.requests.count == 1)
        #expect(iterator.after == 1)
    }

    @Test func aServerThatIgnoresAfterEndsTheWalkInsteadOfLooping() async throws {
        let transport = ScriptedTransport([worksPage([1, 2]), worksPage([1, 2]), worksPage([1, 2])])
        var pages = 0
        let error = try await #require(throws: ConsonanceError.self) {
            for try await _ in makeClient(transport).allWorks(changedSince: nil) { pages += 1 }
        }
        #expect(error.kind == .unexpectedResponse)
        #expect(pages == 1)
        #expect(transport.requests.count == 2)
    }

    @Test func worksByContractUsesContractIdEq() async throws {
        let transport = ScriptedTransport([worksPage([55])])
        let page = try await makeClient(transport).works(contractID: 77)
        #expect(page.records.map(\.id) == [55])
        #expect(try variables(of: transport.requests[0]) == .object(["contractID": .number(77)]))
        #expect(try body(of: transport.requests[0])["query"]?.stringValue?.contains("works(workSearch: {contractIdEq: $contractID})") == true)
    }
}

@Suite struct ConcurrencyLimitTests {
    func runConcurrently(_ count: Int, client: ConsonanceClient) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 1...count {
                group.addTask { _ = try await client.person(id: id) }
            }
            try await group.waitForAll()
        }
    }

    @Test func aThirdRequestWaitsWhileTwoAreInFlight() async throws {
        let transport = CountingTransport(delay: .milliseconds(150), response: .json(200, #"{"data":{"person":null}}"#))
        let client = makeClient(transport, maxConcurrent: 2)
        let started = ContinuousClock.now
        try await runConcurrently(3, client: client)
        #expect(transport.total == 3)
        #expect(transport.peak == 2)
        #expect(ContinuousClock.now - started >= .milliseconds(290), "the third request ran after one of the first two finished")
    }

    @Test func theLimitIsConfigurable() async throws {
        let transport = CountingTransport(delay: .milliseconds(150), response: .json(200, #"{"data":{"person":null}}"#))
        try await runConcurrently(3, client: makeClient(transport, maxConcurrent: 3))
        #expect(transport.peak == 3)
    }

    @Test func aCancelledWaiterGivesUpItsPlace() async throws {
        let gate = ConcurrencyGate(limit: 1)
        try await gate.acquire()
        let waiter = Task { try await gate.acquire() }
        try await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        gate.release()
        try await gate.acquire()
        gate.release()
    }
}
