@device
Feature: A device's connections

  Rule: DEV-9 Every CONNECT has a keep-alive the platform accepts

    @DEV-9
    Scenario: Its keep-alive
      When the device starts without a secret
      Then every CONNECT has a keep-alive between 30 and 1200 s

  Rule: DEV-10 After a refused CONNECT it waits before trying again (SHOULD)

    @DEV-10
    Scenario: It backs off after a refusal
      Given the platform refuses every CONNECT of the device for 10 s
      When the device starts without a secret
      Then it sends no more than 5 CONNECTs in the 10 s after its first refused CONNECT
