Feature: Pre-authentication (authmode 2)
  At first activation a whitelisted device pre-authenticates with the product credentials
  (ProductSN, ProdSecret) and its own DeviceSN. Only devices added to the product's whitelist pass,
  and only on a product whose dynamic-registration switch is on.

  Rule: PRE-1 — a whitelisted device with the right ProdSecret is accepted

    @PRE-1
    Scenario: A whitelisted device pre-authenticates with the product secret
      Given a fresh whitelisted device of the product
      When it connects in authmode 2 with the product secret
      Then the broker accepts the connection

  Rule: PRE-2 — a wrong ProdSecret is refused
    A near miss is a wrong secret: the right one with a character changed, its case changed, cut short,
    lengthened or padded must be refused as surely as an unrelated one.

    @PRE-2
    Scenario Outline: A whitelisted device with <password> is refused
      Given the probe device of the product
      When it connects in authmode 2 with <password>
      Then the broker refuses the connection

      Examples: unrelated wrong passwords
        | password                   |
        | a wrong secret             |
        | an empty password          |
        | no password                |
        | the other product's secret |

      Examples: near misses of the right ProdSecret, where comparison bugs live
        | password                                                 |
        | the product secret with its first character changed      |
        | the product secret with its last character changed       |
        | the product secret with the case of its letters changed  |
        | the product secret without its last character            |
        | the product secret with one character appended           |
        | the product secret cut to its first half                 |
        | the product secret with surrounding whitespace           |

  Rule: PRE-3 — a DeviceSN that is not on the whitelist is refused

    @PRE-3
    Scenario: A device that was never added to the whitelist is refused
      Given an unlisted device of the product
      When it connects in authmode 2 with the product secret
      Then the broker refuses the connection

  Rule: PRE-4 — with the dynamic-registration switch off, authmode 2 is refused

    @PRE-4
    Scenario: A whitelisted device of a product without dynamic registration is refused
      Given a whitelisted device of the product without dynamic registration
      When it connects in authmode 2 with the product secret
      Then the broker refuses the connection
