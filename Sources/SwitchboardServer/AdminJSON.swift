import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// The admin API's representations of runs, steps, attempts, dead letters and flows (see openapi.yaml).
enum AdminJSON {
    static func time(_ seconds: Int64?) -> JSONValue {
        seconds.map { .string(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval($0)))) } ?? .null
    }

    static func run(_ run: RunRecord) -> JSONValue {
        .object(["id": .string(run.id), "flow": .string(run.flow), "flow_version": .string(run.flowVersion), "event_id": .string(run.eventID),
                 "status": .string(run.status), "steps": .number(Double(run.stepCount)), "created_at": time(run.createdAt),
                 "finished_at": time(run.finishedAt), "error": run.error.map(JSONValue.string) ?? .null])
    }

    static func step(_ step: StepRecord, attempts: [AttemptRecord]) -> JSONValue {
        .object(["index": .number(Double(step.index)), "id": .string(step.stepID), "action": .string(step.action), "status": .string(step.status),
                 "input": step.input ?? .null, "output": step.output ?? .null, "error": step.error.map(JSONValue.string) ?? .null,
                 "attempts": .array(attempts.map(attempt)), "started_at": time(step.startedAt), "finished_at": time(step.finishedAt)])
    }

    static func attempt(_ attempt: AttemptRecord) -> JSONValue {
        .object(["attempt": .number(Double(attempt.attempt)), "node": .string(attempt.node), "outcome": attempt.outcome.map(JSONValue.string) ?? .null,
                 "error": attempt.error.map(JSONValue.string) ?? .null, "response": attempt.response.map(JSONValue.string) ?? .null,
                 "started_at": time(attempt.startedAt / 1000), "finished_at": time(attempt.finishedAt.map { $0 / 1000 })])
    }

    static func deadLetter(_ letter: DeadLetterRecord) -> JSONValue {
        .object(["id": .string(letter.id), "run_id": .string(letter.runID), "job_id": .string(letter.jobID), "flow": .string(letter.flow),
                 "action": .string(letter.action), "payload": letter.payload, "errors": .array(letter.errors.map(JSONValue.string)),
                 "last_response": letter.lastResponse.map(JSONValue.string) ?? .null, "created_at": time(letter.createdAt),
                 "replayed_at": time(letter.replayedAt), "replay_count": .number(Double(letter.replayCount)),
                 "kind": .string(letter.isWhatsAppMessage ? "whatsapp_message" : "step"), "message_id": letter.messageID.map(JSONValue.string) ?? .null])
    }

    static func event(_ event: EventRecord) -> JSONValue {
        .object(["id": .string(event.id), "source": .string(event.source), "type": .string(event.type), "external_id": .string(event.externalID),
                 "connection": event.connection.map(JSONValue.string) ?? .null, "received_at": time(event.receivedAt), "context": event.context])
    }

    static func flow(_ flow: Flow) -> JSONValue {
        let trigger: JSONValue
        switch flow.trigger {
        case .zendeskWebhook, .zendeskMirror, .consonance, .whatsapp, .records:
            let (connection, events) = flow.trigger.subscription ?? (nil, [])
            trigger = .object(["type": .string(flow.trigger.source), "connection": connection.map(JSONValue.string) ?? .null,
                               "events": .array(events.map(JSONValue.string))])
        case .schedule(let schedule):
            trigger = .object(["type": .string("schedule"), "timezone": .string(schedule.timeZone.identifier), "rule": .string("\(schedule.rule)")])
        }
        return .object(["name": .string(flow.name), "description": flow.description.map(JSONValue.string) ?? .null, "file": .string(flow.file),
                        "enabled": .bool(flow.enabled), "version": .string(flow.version), "trigger": trigger,
                        "steps": .array(flow.steps.map { .object(["id": .string($0.id), "action": .string($0.action)]) })])
    }
}
