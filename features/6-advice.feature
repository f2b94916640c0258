@advisory
Feature: Advice (SHOULD)
  Advice drawn from the platform's own SDKs and documents. A broker that does not follow it is
  reported with a warning and stays conformant; with -Dstrict=true a warning fails the run.

  Rule: ADV-1 — the reply arrives within 5 s (the platform's C SDK waits 5 s)

    @ADV-1
    Scenario: The password reply arrives within 5 seconds
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it requests its secret with RequestID "1"
      Then the reply arrived within 5 seconds

  Rule: ADV-2 — a forbidden SUBSCRIBE is answered with a failure return code

    @ADV-2
    Scenario Outline: A forbidden subscription to <case> is answered with a failure return code
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it subscribes to "<filter>"
      Then the SUBACK carries a failure return code

      Examples:
        | case             | filter     |
        | everything (#)   | #          |
        | its own downlink | {Downlink} |

  Rule: ADV-3 — after static login, another dynamic registration of the same DeviceSN yields no secret

    @ADV-3
    Scenario: An activated device cannot register again
      Given a fresh whitelisted device of the product
      And it has registered and logged in statically
      When it tries to register again
      Then it obtains no secret

  Rule: ADV-4 — the secret is at most 16 characters (the C SDK's buffer)

    @ADV-4
    Scenario: The issued secret fits the C SDK's buffer
      Given a registered device of the product
      Then its secret is at most 16 characters long

  Rule: ADV-5 — the restricted session accepts QoS 1 for its subscribe and its request

    @ADV-5
    Scenario: The restricted session accepts QoS 1, as the platform's C SDK uses it
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it subscribes to "/$system/{ProductSN}/{DeviceSN}/password_reply" at QoS 1
      Then the subscription is granted at QoS 0 or 1
      When it sends a password request on "/$system/{ProductSN}/{DeviceSN}/password" at QoS 1
      Then the request is acknowledged

  Rule: ADV-6 — malformed requests do not stop a later well-formed request from being answered

    @ADV-6
    Scenario Outline: A well-formed request is answered after <case>
      Given a fresh whitelisted device of the product
      And it is pre-authenticated
      When it publishes <malformed> on its password topic
      And it requests its secret with RequestID "after-malformed"
      Then a reply arrives on its password_reply topic within the reply timeout

      Examples:
        | case                       | malformed                    |
        | a payload that is not JSON | a payload that is not JSON   |
        | a request without RequestID | a request without RequestID |
        | a very large payload       | a 256 KiB payload            |
