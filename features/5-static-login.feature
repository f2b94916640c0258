Feature: Static login (authmode 1) and the activated device
  The device completes activation with its DevSecret:
    ClientID ${ProductSN}.${DeviceSN}, UserName ${ProductSN}|${DeviceSN}|1, Password ${DevSecret}.

  Rule: STATIC-1 — authmode 1 accepts the device's own DevSecret only
    A near miss of the DevSecret is a wrong secret: it must be refused, and the right one accepted.

    @STATIC-1
    Scenario Outline: Static login with <password> is refused
      Given a registered device of the product
      When it connects in authmode 1 with <password>
      Then the broker refuses the connection
      And with its own secret the same login is accepted

      Examples: unrelated wrong passwords
        | password                |
        | the product secret      |
        | a wrong secret          |
        | an empty password       |
        | another device's secret |

      Examples: near misses of the device's own DevSecret, where comparison bugs live
        | password                                         |
        | its secret with its first character changed      |
        | its secret with its last character changed       |
        | its secret with the case of its letters changed  |
        | its secret without its last character            |
        | its secret with one character appended           |
        | its secret cut to its first half                 |
        | its secret with surrounding whitespace           |

  Rule: ACTIVE-1 — after static login the device can publish on its uplink and receive on its downlink

    @ACTIVE-1
    Scenario: An activated device publishes on its uplink topic and receives on its downlink topic
      Given a fresh whitelisted device of the product
      And it has registered and logged in statically
      When it publishes a message to "{Uplink}"
      Then the message is delivered
      When it subscribes to "{Downlink}"
      And a message is published to "{Downlink}"
      Then the device receives that message
