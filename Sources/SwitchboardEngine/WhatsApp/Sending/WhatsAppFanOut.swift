import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// One template to many people for one step (`notify_title_contacts`, `notify_contacts`): each person once, under
/// their own idempotency key, with a few sends in flight at a time.
///
/// Why overlap: every send waits for its pacing slot (1/80 s at the default rate) and then spends several store
/// round trips and commits around its HTTP call. Sent one after another, any send that takes longer than its slot
/// loses that time for good, and on PostgreSQL a send takes longer than a slot. With ``defaultOverlap`` sends in
/// flight the pacer alone sets the rate; it still spaces every message, so WhatsApp's throughput and pair limits
/// hold whatever the overlap.
///
/// Failures: a person's permanent failure (undeliverable number, unapproved template) is listed and the others still
/// hear; a retryable one (5xx, throughput held back, a store error) stops new sends, lets those in flight finish and
/// record themselves, and fails the attempt, so the retry skips everyone already sent.
struct WhatsAppFanOut: Sendable {
    /// Sends in flight at once for one step.
    static let defaultOverlap = 8

    /// One person to send to, with the role that brought them in (shown in the output).
    struct Recipient: Sendable {
        var contact: MessagingContact
        var role: ContactRole
    }

    /// Who was sent, who was skipped and why, and whose send failed permanently, in the recipients' order.
    struct Report: Sendable {
        var sent: [JSONValue] = []
        var skipped: [JSONValue] = []
        var failed: [JSONValue] = []
        var firstFailure: ActionError?

        /// The step's output fields (`sent`, `skipped`, `failed` and their counts). When nobody could be sent to and
        /// someone's send failed permanently (an unapproved template, a bad parameter count), that failure is the
        /// step's, not an output.
        func output() throws -> [String: JSONValue] {
            if let firstFailure, sent.isEmpty { throw firstFailure }
            return ["sent": .array(sent), "skipped": .array(skipped), "failed": .array(failed), "sent_count": .number(Double(sent.count)),
                    "skipped_count": .number(Double(skipped.count))]
        }
    }

    let sender: WhatsAppSender
    let template: TemplateCall
    /// The step's idempotency key; each person's send is keyed `<key>:<contact id>`.
    let key: String
    var overlap = Self.defaultOverlap

    /// What became of one person's send.
    private enum Outcome: Sendable {
        case delivered(SendOutcome)
        case refused(ActionError)
    }

    /// Send to every recipient (each contact once, whatever their roles), at most ``overlap`` at a time.
    func send(to recipients: [Recipient]) async throws -> Report {
        var seen: Set<String> = []
        let people = recipients.filter { seen.insert($0.contact.id).inserted }
        var sender = sender
        sender.templateChoices = TemplateChoiceCache()  // one registry lookup per language list, not per person
        let outcomes = try await Self.inOrder(people.count, overlap: max(1, overlap)) { [sender, template, key] index in
            let contact = people[index].contact
            do {
                return Outcome.delivered(try await sender.deliver(to: contact, address: contact.phone.e164, key: "\(key):\(contact.id)", template: template))
            } catch let error as ActionError where error.isPermanent {
                return Outcome.refused(error)
            }
        }
        var report = Report()
        for (person, outcome) in zip(people, outcomes) {
            let who: [String: JSONValue] = ["contact_id": .string(person.contact.id), "name": .string(person.contact.name), "role": .string(person.role.rawValue)]
            switch outcome {
            case .refused(let error):
                report.failed.append(.object(who.merging(["error": .string(error.description)]) { $1 }))
                report.firstFailure = report.firstFailure ?? error
            case .delivered(let outcome) where outcome.status == .skipped:
                report.skipped.append(.object(who.merging(["reason": .string(outcome.reason ?? "skipped")]) { $1 }))
            case .delivered(let outcome):
                report.sent.append(.object(who.merging(["wamid": PublishingRecords.text(outcome.record?.wamid), "message_id": .string(outcome.record?.id ?? "")]) { $1 }))
            }
        }
        return report
    }

    /// `work(0..<count)` with at most `overlap` running at once, results in index order. The first error stops new
    /// work from starting; the work already running finishes (so what it did is recorded) and then the error is thrown.
    static func inOrder<Result: Sendable>(_ count: Int, overlap: Int, _ work: @escaping @Sendable (Int) async throws -> Result) async throws -> [Result] {
        var results = [Result?](repeating: nil, count: count)
        var firstError: (any Error)?
        await withTaskGroup(of: (Int, Swift.Result<Result, any Error>).self) { group in
            var next = 0
            func startNext() {
                let index = next
                next += 1
                group.addTask {
                    do { return (index, .success(try await work(index))) } catch { return (index, .failure(error)) }
                }
            }
            while next < min(count, overlap) { startNext() }
            for await (index, result) in group {
                switch result {
                case .success(let value): results[index] = value
                case .failure(let error): firstError = firstError ?? error
                }
                if firstError == nil, next < count { startNext() }
            }
        }
        if let firstError { throw firstError }
        return results.map { $0! }
    }
}
