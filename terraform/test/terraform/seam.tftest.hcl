# `terraform test` of a synthesized seam-<env> stack, run offline with a mocked AWS provider by
# `npm run test:infra` (terraform/test/terraform-checks.mjs copies this file next to the stack's
# cdk.tf.json). Resource addresses are cdktf's logical ids (construct path + hash): they are the
# same in every environment, and change only when a construct moves, which this test then shows.

mock_provider "aws" {
  source = "./mocks"
}

# us-east-1 (IAM's CloudTrail events are delivered there only).
mock_provider "aws" {
  alias  = "global"
  source = "./mocks"
}

# Distinct ARNs where an assertion tells one resource from another of its type.
override_resource {
  target = aws_sns_topic.observability_alarms_32EEF168
  values = { arn = "arn:aws:sns:eu-west-1:123456789012:seam-test-alarms" }
}
override_resource {
  target = aws_cloudwatch_metric_alarm.observability_breaker-opened_F40D3C50
  values = { arn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:seam-test-breaker-opened" }
}
override_resource {
  target = aws_cloudwatch_metric_alarm.observability_server-errors_B1D862A5
  values = { arn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:seam-test-5xx" }
}
override_resource {
  target = aws_lb.front-door_alb_BD66F371
  values = {
    arn        = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/seam-test/0123456789abcdef"
    arn_suffix = "app/seam-test/0123456789abcdef"
    dns_name   = "seam-test-123.eu-west-1.elb.amazonaws.com"
  }
}

# The release flow of docs/deploy.md: first the migrate task and what it needs, alone
# (`terraform apply -target=aws_ecs_task_definition.migrate`), then everything else.
run "migrate_task_first" {
  command = apply
  plan_options {
    target = [aws_ecs_task_definition.migrate]
  }

  assert {
    condition     = strcontains(output.migrate_command, "aws ecs run-task --cluster ${aws_ecs_cluster.compute_cluster_E15A6318.name} --task-definition ${aws_ecs_task_definition.migrate.family}")
    error_message = "A targeted apply of the migrate task must yield the command that runs it"
  }
  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.data_postgres-from-services_29421737.from_port == 5432
      && aws_secretsmanager_secret_version.data_secret-payments-value_0F0745B3.secret_id != ""
    )
    error_message = "The targeted apply must bring the database rule and module secrets the migrate task needs"
  }
}

run "plan" {
  command = plan

  assert {
    condition     = aws_rds_cluster.data_cluster_28CC8C95.storage_encrypted == true
    error_message = "Aurora storage must be encrypted"
  }
  assert {
    condition     = aws_rds_cluster.data_cluster_28CC8C95.manage_master_user_password == true
    error_message = "The admin password must be RDS-managed (a secret), never in the configuration"
  }
  assert {
    condition     = aws_rds_cluster_instance.data_instance-0_D37EFEC9.publicly_accessible == false
    error_message = "The database must not be publicly accessible"
  }
  assert {
    condition = (
      aws_vpc_security_group_ingress_rule.data_postgres-from-services_29421737.cidr_ipv4 == null
      && aws_vpc_security_group_ingress_rule.data_postgres-from-services_29421737.from_port == 5432
    )
    error_message = "PostgreSQL must be reachable from the tasks' security group only, not from an address range"
  }

  # The front door: WAF with the AWS managed rule groups and a rate limit; access logs.
  assert {
    condition = toset(flatten([
      for r in aws_wafv2_web_acl.front-door_waf_75C96FE0.rule : [
        for s in r.statement : [for m in s.managed_rule_group_statement : m.name]
      ]
    ])) == toset(["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"])
    error_message = "The web ACL must use the AWS common and known-bad-inputs rule groups"
  }
  assert {
    condition = length(flatten([
      for r in aws_wafv2_web_acl.front-door_waf_75C96FE0.rule : [
        for s in r.statement : [for b in s.rate_based_statement : b.limit if b.aggregate_key_type == "IP"]
      ] if try(length(r.action[0].block), 0) == 1
    ])) == 1
    error_message = "The web ACL must block clients over a rate limit per IP"
  }
  assert {
    condition     = aws_wafv2_web_acl.front-door_waf_75C96FE0.scope == "REGIONAL"
    error_message = "An ALB's web ACL is REGIONAL"
  }
  assert {
    condition     = aws_lb.front-door_alb_BD66F371.access_logs[0].enabled == true && aws_lb.front-door_alb_BD66F371.drop_invalid_header_fields == true
    error_message = "The ALB must write access logs and drop invalid headers"
  }
  assert {
    condition = [
      for r in aws_s3_bucket_server_side_encryption_configuration.front-door_access-logs-encryption_5961976E.rule :
      r.apply_server_side_encryption_by_default[0].sse_algorithm
    ] == ["AES256"]
    error_message = "The access log bucket must be encrypted (SSE-S3: what ELB log delivery supports)"
  }
  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.front-door_access-logs-private_DAA64452.block_public_acls,
      aws_s3_bucket_public_access_block.front-door_access-logs-private_DAA64452.block_public_policy,
      aws_s3_bucket_public_access_block.front-door_access-logs-private_DAA64452.ignore_public_acls,
      aws_s3_bucket_public_access_block.front-door_access-logs-private_DAA64452.restrict_public_buckets,
    ])
    error_message = "The access log bucket must block public access"
  }

  # Alarms: every dead-letter queue watched.
  assert {
    condition = alltrue([
      for pair in [
        [aws_cloudwatch_metric_alarm.observability_catalog-dead-letters_F844AE6F, aws_sqs_queue.messaging_catalog-dlq_116119A7],
        [aws_cloudwatch_metric_alarm.observability_inventory-dead-letters_FE2977C5, aws_sqs_queue.messaging_inventory-dlq_AE8761A2],
        [aws_cloudwatch_metric_alarm.observability_notifications-dead-letters_3AF7B1CF, aws_sqs_queue.messaging_notifications-dlq_975E0DF8],
        [aws_cloudwatch_metric_alarm.observability_ordering-dead-letters_4484CD07, aws_sqs_queue.messaging_ordering-dlq_D41F8D90],
        [aws_cloudwatch_metric_alarm.observability_payments-dead-letters_CFC3BA4E, aws_sqs_queue.messaging_payments-dlq_2ABF51F2],
        [aws_cloudwatch_metric_alarm.observability_shipping-dead-letters_2BB7F8BC, aws_sqs_queue.messaging_shipping-dlq_3A1AC546],
      ] : pair[0].dimensions.QueueName == pair[1].name && pair[0].threshold == 0
    ])
    error_message = "Each module's DLQ must have an alarm on its depth"
  }
  # Alarms: module queue age and outbox lag watched; the environment's dashboard.
  assert {
    condition = alltrue([
      for pair in [
        [aws_cloudwatch_metric_alarm.observability_ordering-queue-age_93AAB3B0, aws_sqs_queue.messaging_ordering-queue_7B6D5201],
        [aws_cloudwatch_metric_alarm.observability_payments-queue-age_5FFFE045, aws_sqs_queue.messaging_payments-queue_BF2F2546],
      ] : pair[0].dimensions.QueueName == pair[1].name && pair[0].metric_name == "ApproximateAgeOfOldestMessage"
    ])
    error_message = "Each module queue must have an alarm on the age of its oldest message"
  }
  assert {
    condition = (
      startswith(aws_cloudwatch_metric_alarm.observability_ordering-outbox-lag_85A6AFA0.namespace, "Seam/")
      && aws_cloudwatch_metric_alarm.observability_ordering-outbox-lag_85A6AFA0.metric_name == "seam_outbox_lag_seconds"
      && aws_cloudwatch_metric_alarm.observability_ordering-outbox-lag_85A6AFA0.dimensions.module == "ordering"
      && startswith(aws_cloudwatch_dashboard.observability_dashboard_FADF3BBC.dashboard_name, "seam-")
    )
    error_message = "Outbox lag must be alarmed per module, and the environment must have its dashboard"
  }
}

run "apply" {
  command = apply

  # Container definitions are known after apply (they hold the database endpoint).
  # Service containers: non-root, read-only root filesystem with a /tmp volume, no privileges,
  # an init process; no secret injected (modules read their own logins); no admin user in the URL.
  assert {
    condition = alltrue([
      for task in [
        aws_ecs_task_definition.compute_monolith-web-task_73249618,
        aws_ecs_task_definition.compute_monolith-worker-task_AD259F8A,
        aws_ecs_task_definition.migrate,
        ] : alltrue([
          for c in jsondecode(task.container_definitions) : (
            c.user == "1000:1000"
            && c.readonlyRootFilesystem == true
            && c.privileged == false
            && c.linuxParameters.initProcessEnabled == true
            && contains(c.linuxParameters.capabilities.drop, "ALL")
            # The collector sidecar writes nothing to disk: the /tmp volume is Seam's.
            && (c.name != "seam" || contains([for m in try(c.mountPoints, []) : m.containerPath if m.sourceVolume == "tmp"], "/tmp"))
          )
        ]) && contains([for v in task.volume : v.name], "tmp")
    ])
    error_message = "Every container must run hardened: non-root, read-only root, /tmp volume, unprivileged, init process"
  }
  # Every service task has the collector sidecar, not essential; the app sends it its spans.
  assert {
    condition = alltrue([
      for task in [
        aws_ecs_task_definition.compute_monolith-web-task_73249618,
        aws_ecs_task_definition.compute_monolith-worker-task_AD259F8A,
        ] : (
        [for c in jsondecode(task.container_definitions) : c.name] == ["seam", "otel-collector"]
        && one([for c in jsondecode(task.container_definitions) : c.essential if c.name == "otel-collector"]) == false
        && length(one([for c in jsondecode(task.container_definitions) : try(c.secrets, []) if c.name == "otel-collector"])) == 0
        && one([for c in jsondecode(task.container_definitions) : one([for e in c.environment : e.value if e.name == "OTEL_EXPORTER_OTLP_ENDPOINT"]) if c.name == "seam"]) == "http://localhost:4318"
      )
    ])
    error_message = "Every service task must run the collector sidecar (not essential) and send it its spans"
  }
  assert {
    condition = alltrue([
      for task in [
        aws_ecs_task_definition.compute_monolith-web-task_73249618,
        aws_ecs_task_definition.compute_monolith-worker-task_AD259F8A,
        ] : alltrue([
          for c in jsondecode(task.container_definitions) : (
            length(try(c.secrets, [])) == 0
            && !contains([for e in c.environment : e.name], "PGPASSWORD")
          ) if c.name != "seam"
        ]) && alltrue([
          for c in jsondecode(task.container_definitions) : (
            length(try(c.secrets, [])) == 0
            && !contains([for e in c.environment : e.name], "PGPASSWORD")
            && !strcontains(one([for e in c.environment : e.value if e.name == "DATABASE_URL"]), "@")
            && one([for e in c.environment : e.value if e.name == "SEAM_MIGRATE_ON_START"]) == "false"
            && one([for e in c.environment : e.value if e.name == "SEAM_DB_CA_FILE"]) != ""
          ) if c.name == "seam"
        ])
    ])
    error_message = "Service tasks must get no admin login (no secret, no user in DATABASE_URL), skip migrations and verify TLS"
  }
  assert {
    condition = alltrue([
      for c in jsondecode(aws_ecs_task_definition.migrate.container_definitions) : (
        c.command == ["node", "dist/apps/monolith/src/migrate.js"]
        && [for s in c.secrets : s.name] == ["PGPASSWORD"]
      )
    ])
    error_message = "The migrate task runs migrate.js with the admin password"
  }

  assert {
    condition = alltrue([
      for task in [
        aws_ecs_task_definition.compute_monolith-web-task_73249618,
        aws_ecs_task_definition.compute_monolith-worker-task_AD259F8A,
      ] : !strcontains(task.container_definitions, aws_rds_cluster.data_cluster_28CC8C95.master_user_secret[0].secret_arn)
    ])
    error_message = "No service task definition may reference the admin secret"
  }
  assert {
    condition     = !strcontains(aws_iam_role_policy.compute_execution-policy_0F7A0ED5.policy, aws_rds_cluster.data_cluster_28CC8C95.master_user_secret[0].secret_arn)
    error_message = "The services' execution role must not read the admin secret"
  }
  assert {
    condition = alltrue([
      for policy in [
        aws_iam_role_policy.compute_monolith-web-task-policy_3AAA0A09,
        aws_iam_role_policy.compute_monolith-worker-task-policy_A363942A,
      ] : !strcontains(policy.policy, aws_rds_cluster.data_cluster_28CC8C95.master_user_secret[0].secret_arn)
    ])
    error_message = "No service task role may read the admin secret"
  }
  assert {
    condition = (
      strcontains(aws_iam_role_policy.compute_migrate-execution-policy_BBDBFD40.policy, aws_rds_cluster.data_cluster_28CC8C95.master_user_secret[0].secret_arn)
      && strcontains(one([for c in jsondecode(aws_ecs_task_definition.migrate.container_definitions) : c.secrets[0].valueFrom]), aws_rds_cluster.data_cluster_28CC8C95.master_user_secret[0].secret_arn)
    )
    error_message = "The migrate task (and its execution role) holds the admin secret"
  }
  assert {
    condition = (
      strcontains(aws_iam_role_policy.compute_monolith-web-task-policy_3AAA0A09.policy, ":${aws_ecs_cluster.compute_cluster_E15A6318.name}-reply-monolith-web-*")
      && !strcontains(aws_iam_role_policy.compute_monolith-web-task-policy_3AAA0A09.policy, "-reply-*")
    )
    error_message = "A service may use only its own reply queues (<prefix>reply-<service>-*)"
  }
  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.compute_monolith-worker-task-policy_A363942A.policy).Statement :
      # The janitor (SweepDeadReplyQueues) may also delete reply queues whose process is gone.
      s.Sid == "SweepDeadReplyQueues" ? toset(s.Action) == toset(["sqs:ListQueueTags", "sqs:GetQueueAttributes", "sqs:DeleteQueue"]) : s.Action == ["sqs:SendMessage"]
      if contains(s.Resource, "arn:aws:sqs:eu-west-1:123456789012:${aws_ecs_cluster.compute_cluster_E15A6318.name}-reply-*")
    ])
    error_message = "On other services' reply queues a consumer may only send its answers (and the janitor sweep dead ones)"
  }

  assert {
    condition = (
      aws_wafv2_web_acl_association.front-door_waf-association_5B973DE0.resource_arn == aws_lb.front-door_alb_BD66F371.arn
      && aws_wafv2_web_acl_association.front-door_waf-association_5B973DE0.web_acl_arn == aws_wafv2_web_acl.front-door_waf_75C96FE0.arn
    )
    error_message = "The web ACL must be associated with the ALB"
  }
  assert {
    condition     = aws_lb.front-door_alb_BD66F371.access_logs[0].bucket == aws_s3_bucket.front-door_access-logs_E178BB02.bucket
    error_message = "The ALB must log to the access log bucket"
  }
  assert {
    condition = contains(
      jsondecode(aws_s3_bucket_policy.front-door_access-logs-policy_6B74CD22.policy).Statement[*].Principal,
      { AWS = data.aws_elb_service_account.front-door_elb-account_1848CA71.arn }
    )
    error_message = "The access log bucket must let the region's ELB log delivery account write"
  }

  # Alarms notify the alarm topic; the breaker and 5xx alarms roll back flag deployments.
  assert {
    condition = alltrue([
      for alarm in [
        aws_cloudwatch_metric_alarm.observability_breaker-opened_F40D3C50,
        aws_cloudwatch_metric_alarm.observability_server-errors_B1D862A5,
        aws_cloudwatch_metric_alarm.observability_catalog-dead-letters_F844AE6F,
        aws_cloudwatch_metric_alarm.observability_payments-dead-letters_CFC3BA4E,
      ] : contains(alarm.alarm_actions, aws_sns_topic.observability_alarms_32EEF168.arn)
    ])
    error_message = "Alarms must notify the alarm topic"
  }
  assert {
    condition = toset([for m in aws_appconfig_environment.flags_environment_234C5CEA.monitor : m.alarm_arn]) == toset([
      aws_cloudwatch_metric_alarm.observability_breaker-opened_F40D3C50.arn,
      aws_cloudwatch_metric_alarm.observability_server-errors_B1D862A5.arn,
    ])
    error_message = "Flag deployments must roll back on the breaker and 5xx alarms"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.observability_server-errors_B1D862A5.dimensions.LoadBalancer == aws_lb.front-door_alb_BD66F371.arn_suffix
    error_message = "The 5xx alarm must watch this ALB"
  }
  assert {
    condition     = strcontains(output.migrate_command, "--task-definition ${aws_ecs_task_definition.migrate.family}")
    error_message = "The migrate_command output runs the migrate task"
  }
}

# Issue 17: storefront, auditing, cost, safe deploys.
run "reference_architecture" {
  command = plan

  assert {
    condition = (
      aws_s3_bucket_public_access_block.storefront_bucket-private_62ED0ECE.block_public_policy == true
      && aws_s3_bucket_public_access_block.storefront_bucket-private_62ED0ECE.restrict_public_buckets == true
    )
    error_message = "The storefront bucket must be private"
  }
  assert {
    condition = (
      aws_cloudfront_distribution.storefront_distribution_F5384772.default_cache_behavior[0].viewer_protocol_policy == "redirect-to-https"
      && alltrue([for b in aws_cloudfront_distribution.storefront_distribution_F5384772.ordered_cache_behavior : b.viewer_protocol_policy == "redirect-to-https"])
    )
    error_message = "CloudFront must redirect HTTP to HTTPS everywhere"
  }
  assert {
    condition = anytrue([
      for b in aws_cloudfront_distribution.storefront_distribution_F5384772.ordered_cache_behavior :
      b.path_pattern == "/api/*" && b.target_origin_id == "api" && b.cache_policy_id == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
    ])
    error_message = "/api/* must go to the ALB with caching disabled"
  }
  assert {
    condition = (
      aws_cloudtrail.auditing_trail_C12040D2.is_multi_region_trail == true
      && aws_cloudtrail.auditing_trail_C12040D2.enable_log_file_validation == true
    )
    error_message = "The trail must cover every region and validate its log files"
  }
  assert {
    condition     = aws_config_configuration_recorder.auditing_recorder_CA2B7B5C.recording_group[0].all_supported == true
    error_message = "AWS Config must record every supported resource"
  }
  assert {
    condition = alltrue([
      for s in [
        aws_ecs_service.compute_monolith-web-service_8C3A933B,
        aws_ecs_service.compute_monolith-worker-service_F7118893,
      ] : s.deployment_circuit_breaker[0].rollback == true && s.alarms[0].rollback == true && length(s.alarms[0].alarm_names) >= 1
    ])
    error_message = "Every service must roll back on failed tasks and on its rollback alarms"
  }
  assert {
    condition     = anytrue([for s in aws_ecs_service.compute_monolith-worker-service_F7118893.capacity_provider_strategy : s.capacity_provider == "FARGATE_SPOT"])
    error_message = "Workers run mostly on Fargate Spot"
  }
}
