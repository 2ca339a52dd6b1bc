/// A fault the sandbox injected into a response, as recorded in the request log.
public enum SandboxFault: String, Sendable, Equatable {
    case internalServerError = "500"
    case serviceUnavailable = "503"
    case tooManyRequests = "429"
    case connectionReset = "reset"
    case truncatedBody = "truncate"
    case slowResponse = "slow"
}

/// One drawn fault with the details needed to produce it.
struct InjectedFault: Sendable, Equatable {
    var kind: SandboxFault
    /// For 500s: an HTML page instead of the JSON body.
    var htmlBody = false
    /// For slow responses: how long to wait.
    var delay: Duration = .zero
}

/// Draws faults from the configured mix with a seeded generator, so a failing run can be reproduced exactly.
final class FaultInjector: Sendable {
    private struct State: Sendable {
        var mix: FaultMix
        var random: SplitMix64
    }

    private let state: Locked<State>

    init(mix: FaultMix, seed: UInt64) {
        state = Locked(State(mix: mix, random: SplitMix64(state: seed)))
    }

    func setMix(_ mix: FaultMix) {
        state.withLock { $0.mix = mix }
    }

    var mix: FaultMix { state.withLock { $0.mix } }

    /// The fault for the next request, or `nil` to answer normally.
    func draw() -> InjectedFault? {
        state.withLock { state in
            let mix = state.mix
            guard mix.totalProbability > 0 else { return nil }
            var roll = state.random.unit()
            let choices: [(Double, SandboxFault?)] = [
                (mix.serverError, nil), (mix.internalServerError, .internalServerError),
                (mix.serviceUnavailable, .serviceUnavailable), (mix.tooManyRequests, .tooManyRequests),
                (mix.connectionReset, .connectionReset), (mix.truncatedBody, .truncatedBody),
                (mix.slowResponse, .slowResponse),
            ]
            for (probability, kind) in choices {
                guard roll < probability else {
                    roll -= probability
                    continue
                }
                let chosen = kind ?? (state.random.chance(0.5) ? .internalServerError : .serviceUnavailable)
                var fault = InjectedFault(kind: chosen)
                if chosen == .internalServerError { fault.htmlBody = state.random.chance(1.0 / 3.0) }
                if chosen == .slowResponse { fault.delay = mix.slowDelay }
                return fault
            }
            return nil
        }
    }
}
