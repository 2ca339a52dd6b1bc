import Foundation
import SwitchboardCore
@testable import SwitchboardEngine
import SwitchboardStore
import Testing

/// The rules before every WhatsApp send, without a network or a database: consent, the 24-hour window and its
/// margin, the fallback template, and templates that are not approved.
@Suite struct SendPolicyTests {
    static let now: Int64 = 1_800_000_000
    static let hour: Int64 = 3600
    static let approved = RegisteredTemplate(name: "deadline_reminder", language: "en_US", bodyParameters: ["what", "title", "date"], status: .approved, updatedAt: 1)
    static let paused = RegisteredTemplate(name: "deadline_reminder", language: "en_US", status: .paused, updatedAt: 1)
    static let good = SendPolicy.TemplateChoice(name: "deadline_reminder", languages: ["en_US"], approved: approved, registered: [approved])
    static let unapproved = SendPolicy.TemplateChoice(name: "deadline_reminder", languages: ["en_US", "en"], approved: nil, registered: [paused])
    static let optedIn = ContactConsent().optingIn(at: now - 100 * hour)
    static let policy = SendPolicy(windowMargin: 600)

    // MARK: consent

    @Test func anOptedInContactGetsTheTemplate() throws {
        #expect(try Self.policy.decide(.template(Self.good), consent: Self.optedIn, lastInboundAt: nil, now: Self.now) == .sendTemplate(Self.approved, isFallback: false))
    }

    @Test func aContactWhoNeverOptedInIsSkippedWithTheReasonNotAnError() throws {
        let decision = try Self.policy.decide(.template(Self.good), consent: ContactConsent(), lastInboundAt: nil, now: Self.now)
        #expect(decision == .skip("the contact has not opted in to WhatsApp messages"))
    }

    @Test func anOptOutWinsOverEverythingAndKeepsItsReason() throws {
        let out = Self.optedIn.optingOut(at: Self.now - Self.hour, reason: "replied STOP")
        for content in [SendPolicy.Content.template(Self.good), .freeForm(fallback: Self.good), .freeForm(fallback: nil)] {
            let decision = try Self.policy.decide(content, consent: out, lastInboundAt: Self.now - 60, now: Self.now)
            #expect(decision == .skip("the contact opted out (replied STOP)"))
        }
    }

    @Test func aNumberOutsideTheDirectoryIsSkipped() throws {
        let decision = try Self.policy.decide(.template(Self.good), consent: nil, lastInboundAt: nil, now: Self.now)
        #expect(decision.skipReason?.contains("not in the contacts directory") == true)
    }

    @Test func anOptedOutContactIsSkippedEvenWhenTheTemplateIsNotApproved() throws {
        let out = ContactConsent().optingOut(at: Self.now - 10, reason: nil)
        #expect(try Self.policy.decide(.template(Self.unapproved), consent: out, lastInboundAt: nil, now: Self.now).skipReason == "the contact opted out")
    }

    // MARK: the 24-hour window

    @Test func freeFormGoesInsideTheWindowEvenWithoutAnOptIn() throws {
        #expect(try Self.policy.decide(.freeForm(fallback: nil), consent: ContactConsent(), lastInboundAt: Self.now - Self.hour, now: Self.now) == .sendFreeForm)
    }

    @Test func theWindowClosesAtTheMarginBeforeTwentyFourHours() throws {
        // 24 h less 10 min (the margin) after the last message: still open one second before, closed at it.
        let lastInbound = Self.now - 24 * Self.hour + 600
        #expect(try Self.policy.decide(.freeForm(fallback: nil), consent: Self.optedIn, lastInboundAt: lastInbound + 1, now: Self.now) == .sendFreeForm)
        let atEdge = try Self.policy.decide(.freeForm(fallback: nil), consent: Self.optedIn, lastInboundAt: lastInbound, now: Self.now)
        #expect(atEdge.skipReason?.contains("24-hour window is closed") == true)
        #expect(atEdge.skipReason?.contains("no fallback_template") == true)
        // Without a margin the same moment is still inside.
        #expect(try SendPolicy(windowMargin: 0).decide(.freeForm(fallback: nil), consent: Self.optedIn, lastInboundAt: lastInbound, now: Self.now) == .sendFreeForm)
    }

    @Test func aContactWhoNeverWroteHasNoWindow() throws {
        let decision = try Self.policy.decide(.freeForm(fallback: nil), consent: Self.optedIn, lastInboundAt: nil, now: Self.now)
        #expect(decision.skipReason?.contains("never messaged") == true)
    }

    // MARK: template fallback

    @Test func outsideTheWindowTheFallbackTemplateIsSent() throws {
        let decision = try Self.policy.decide(.freeForm(fallback: Self.good), consent: Self.optedIn, lastInboundAt: Self.now - 30 * Self.hour, now: Self.now)
        #expect(decision == .sendTemplate(Self.approved, isFallback: true))
    }

    @Test func insideTheWindowTheFallbackIsNotUsed() throws {
        let decision = try Self.policy.decide(.freeForm(fallback: Self.unapproved), consent: Self.optedIn, lastInboundAt: Self.now - Self.hour, now: Self.now)
        #expect(decision == .sendFreeForm)
    }

    @Test func theFallbackNeedsAnOptInBecauseItStartsAConversation() throws {
        let decision = try Self.policy.decide(.freeForm(fallback: Self.good), consent: ContactConsent(), lastInboundAt: Self.now - 30 * Self.hour, now: Self.now)
        #expect(decision.skipReason?.contains("has not opted in") == true)
    }

    // MARK: unapproved templates

    @Test func anUnapprovedTemplateIsAnErrorNamingItAndWhatTheRegistryHolds() throws {
        #expect(throws: SendPolicyError.self) { try Self.policy.decide(.template(Self.unapproved), consent: Self.optedIn, lastInboundAt: nil, now: Self.now) }
        do {
            _ = try Self.policy.decide(.template(Self.unapproved), consent: Self.optedIn, lastInboundAt: nil, now: Self.now)
        } catch {
            #expect(error.template == "deadline_reminder")
            #expect(error.description.contains("\"deadline_reminder\" is not approved in en_US/en"))
            #expect(error.description.contains("registered as en_US paused"))
            #expect(error.description.contains("switchboard templates set deadline_reminder"))
        }
        let missing = SendPolicy.TemplateChoice(name: "nope", languages: ["en"], approved: nil)
        #expect(throws: SendPolicyError.self) { try Self.policy.decide(.freeForm(fallback: missing), consent: Self.optedIn, lastInboundAt: nil, now: Self.now) }
    }

    // MARK: error mapping

    @Test func cloudAPIErrorsMapToRetryablePermanentOrTemplateResend() {
        func handling(_ code: Int, unknown: Bool = false, fallback: Bool = false) -> String {
            var error = WhatsAppKitError.make(code: code)
            error.outcomeUnknown = unknown
            switch WhatsAppSendFailure.handling(of: error, hasFallback: fallback) {
            case .retry(let e): return e.isPermanent ? "wrong" : "retry"
            case .fail(let e): return e.isPermanent ? "fail" : "wrong"
            case .resendAsTemplate: return "template"
            case .outcomeUnknown(let e): return e.isPermanent ? "unknown" : "wrong"
            }
        }
        for code in [130429, 131056, 1, 2, 131000, 131016] { #expect(handling(code) == "retry", "\(code)") }
        for code in [131026, 132000, 132001, 132015, 132016, 190] { #expect(handling(code) == "fail", "\(code)") }
        #expect(handling(131047) == "fail")
        #expect(handling(131047, fallback: true) == "template")
        #expect(handling(131000, unknown: true) == "unknown")
    }
}

import WhatsAppKit

enum WhatsAppKitError {
    static func make(code: Int) -> WhatsAppError {
        WhatsAppError(kind: WhatsAppErrorKind(code: code), httpStatus: 400, code: code, message: "test error \(code)")
    }
}
