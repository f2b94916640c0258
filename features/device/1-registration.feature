@device
Feature: A device registers dynamically, and then logs in with its secret

  The device bench starts the device against the kit's reference platform, as a whitelisted DeviceSN of a product
  whose dynamic registration is on, with an empty state folder, and judges what the device sends and what it does
  with what the platform sends it (DEVICE-RULES.md).

  Rule: DEV-1 A device without a secret first connects with the product's credentials and authmode 2

    @DEV-1
    Scenario: Its first CONNECT pre-authenticates
      When the device starts without a secret
      Then its first CONNECT has ClientID "${ProductSN}.${DeviceSN}", UserName "${ProductSN}|${DeviceSN}|2" and the ProdSecret as password

  Rule: DEV-2 It asks for its secret only after its SUBSCRIBE to its password_reply was granted

    @DEV-2
    Scenario: Its request waits for the SUBACK of its password_reply
      Given the platform holds back the SUBACK of its password_reply for 1000 ms
      When the device starts without a secret
      Then it publishes its request only after its SUBSCRIBE to its password_reply was granted

  Rule: DEV-3 Its request is a JSON object with a string RequestID, on its own password topic

    @DEV-3
    Scenario: Its request
      When the device starts without a secret
      Then its request is a JSON object with a string RequestID, on its own password topic

  Rule: DEV-4 It takes only a reply that echoes its RequestID, with RetCode 0 and a Password

    @DEV-4
    Scenario Outline: It does not take <bad reply>
      Given the platform first sends <bad reply>, then the genuine reply
      When the device starts without a secret
      Then it never logs in with that reply's Password

      Examples:
        | bad reply                       |
        | a reply with another RequestID  |
        | a reply with RetCode "1"        |
        | a reply that is not JSON        |
        | a reply without a Password      |

  Rule: DEV-5 A reply that comes 4 s after the request is still taken

    @DEV-5
    Scenario: A late reply
      Given the platform sends its reply 4000 ms after the request
      When the device starts without a secret
      Then it logs in with the secret of that late reply

  Rule: DEV-6 With its secret it logs in with authmode 1

    @DEV-6
    Scenario: Its static login
      When the device starts without a secret
      Then it logs in with ClientID "${ProductSN}.${DeviceSN}", UserName "${ProductSN}|${DeviceSN}|1" and the issued secret

  Rule: DEV-7 On its next start it logs in with its stored secret and does not register again

    @DEV-7
    Scenario: Its next start
      Given the device has registered and logged in
      When the device starts again with its stored state
      Then it logs in with authmode 1 and its stored secret, and does not register again

  Rule: DEV-8 Its restricted session uses nothing but its own password and password_reply topics

    @DEV-8
    Scenario: What its restricted session subscribes to and publishes on
      When the device starts without a secret
      Then its restricted session subscribed only to its password_reply and published only on its password topic
