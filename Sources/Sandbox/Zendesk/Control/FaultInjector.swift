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
/// Requests outside the scope never get a fault and do not advance the generator.
final class FaultInjector: Sendable {
    private struct State: Sendable {
        var mix: FaultMix
        var scope: FaultScope = .all
        var random: SplitMix64
    }

    private let state: Locked<State>

    init(mix: FaultMix, seed: UInt64) {
        state = Locked(State(mix: mix, random: SplitMix64(state: seed)))
    }

    func setMix(_ mix: FaultMix, scope: FaultScope = .all) {
        state.withLock {
            $0.mix = mix
            $0.scope = scope
        }
    }

    var mix: FaultMix { state.withLock { $0.mix } }
    var scope: FaultScope { state.withLock { $0.scope } }

    /// The fault for the next request, or `nil` to answer normally.
    func draw(method: String, path: String) -> InjectedFault? {
        state.withLock { state in
            let mix = state.mix
            guard mix.totalProbability > 0, state.scope.includes(method: method, path: path) else { return nil }
            var roll = state.random.unit()
            // Probabilities adding up to 1 fault every request, whatever the rounding of the sum.
            guard roll < mix.totalProbability || mix.totalProbability >= 1 - 1e-9 else { return nil }
            let choices: [(Double, SandboxFault?)] = [
                (mix.serverError, nil), (mix.internalServerError, .internalServerError),
                (mix.serviceUnavailable, .serviceUnavailable), (mix.tooManyRequests, .tooManyRequests),
                (mix.connectionReset, .connectionReset), (mix.truncatedBody, .truncatedBody),
                (mix.slowResponse, .slowResponse),
            ]
            let lastPossible = choices.lastIndex { $0.0 > 0 } ?? 0
            for (position, (probability, kind)) in choices.enumerated() {
                guard roll < probability || position == lastPossible else {
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
