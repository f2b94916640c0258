Feature: Static login (authmode 1) and the activated device
  The device completes activation with its DevSecret:
    ClientID ${ProductSN}.${DeviceSN}, UserName ${ProductSN}|${DeviceSN}|1, Password ${DevSecret}.

  Rule: STATIC-1 — authmode 1 accepts the device's own DevSecret only

    @STATIC-1
    Scenario Outline: Static login with <password> is refused
      Given a registered device of the product
      When it connects in authmode 1 with <password>
      Then the broker refuses the connection
      And with its own secret the same login is accepted

      Examples:
        | password                |
        | the product secret      |
        | a wrong secret          |
        | an empty password       |
        | another device's secret |

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
