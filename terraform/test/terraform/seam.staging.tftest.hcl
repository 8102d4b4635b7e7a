# Staging only: its extracted payments service gets no admin login either.

mock_provider "aws" {
  source = "./mocks"
}

# us-east-1 (IAM's CloudTrail events are delivered there only).
mock_provider "aws" {
  alias  = "global"
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
        && (c.name != "seam" || one([for e in c.environment : e.value if e.name == "SEAM_SQS_REPLY_GROUP"]) == "payments")
      )
    ]) && [for c in jsondecode(aws_ecs_task_definition.compute_payments-task_3A88CAB5.container_definitions) : c.name] == ["seam", "otel-collector"]
    error_message = "The payments service must run hardened, without the admin login, with its own reply queues and the collector sidecar"
  }
}

run "paused_when_idle" {
  command = plan

  assert {
    condition = (
      aws_rds_cluster.data_cluster_28CC8C95.serverlessv2_scaling_configuration[0].min_capacity == 0
      && aws_rds_cluster.data_cluster_28CC8C95.serverlessv2_scaling_configuration[0].seconds_until_auto_pause == 900
    )
    error_message = "Staging's database pauses when idle (min 0 ACU)"
  }
}
