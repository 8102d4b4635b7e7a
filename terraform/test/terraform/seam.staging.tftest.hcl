# Staging only: its extracted payments service gets no admin login either.

mock_provider "aws" {
  source = "./mocks"
}

run "extracted_service" {
  command = apply # container definitions are known after apply

  assert {
    condition = alltrue([
      for c in jsondecode(aws_ecs_task_definition.compute_payments-task_3A88CAB5.container_definitions) : (
        length(try(c.secrets, [])) == 0
        && c.readonlyRootFilesystem == true
        && c.user == "1000:1000"
        && one([for e in c.environment : e.value if e.name == "SEAM_SQS_REPLY_GROUP"]) == "payments"
      )
    ])
    error_message = "The payments service must run hardened, without the admin login, with its own reply queues"
  }
}
