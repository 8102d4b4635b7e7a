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

# Staging names no issuer: the stack's Cognito user pool signs customers in.
run "customer_sign_in_with_cognito" {
  command = apply # ids and the config object's content are known after apply

  assert {
    condition = (
      aws_cognito_user_pool.customer-identity_pool_AC4D7306.mfa_configuration == "OPTIONAL"
      && aws_cognito_user_pool.customer-identity_pool_AC4D7306.password_policy[0].minimum_length >= 12
      && contains(aws_cognito_user_pool.customer-identity_pool_AC4D7306.username_attributes, "email")
    )
    error_message = "Customers sign in by e-mail with a 12-character password and optional MFA"
  }
  assert {
    condition = (
      aws_cognito_user_pool_client.customer-identity_storefront-client_2F9DE21C.generate_secret == false
      && contains(aws_cognito_user_pool_client.customer-identity_storefront-client_2F9DE21C.allowed_oauth_flows, "code")
      && length(aws_cognito_user_pool_client.customer-identity_storefront-client_2F9DE21C.allowed_oauth_flows) == 1
      && contains(
        aws_cognito_user_pool_client.customer-identity_storefront-client_2F9DE21C.callback_urls,
        "https://${aws_cloudfront_distribution.storefront_distribution_F5384772.domain_name}/callback"
      )
      && aws_cognito_user_pool_domain.customer-identity_domain_B003A59D.user_pool_id == aws_cognito_user_pool.customer-identity_pool_AC4D7306.id
    )
    error_message = "The storefront's app client is public (no secret), code flow only, calling back to the storefront"
  }
  assert {
    condition = (
      jsondecode(aws_s3_object.storefront_config_129E7ED1.content).signIn.clientId == aws_cognito_user_pool_client.customer-identity_storefront-client_2F9DE21C.id
      && jsondecode(aws_s3_object.storefront_config_129E7ED1.content).signIn.authority == "https://cognito-idp.eu-west-1.amazonaws.com/${aws_cognito_user_pool.customer-identity_pool_AC4D7306.id}"
      && jsondecode(aws_s3_object.storefront_config_129E7ED1.content).apiBase == "/api"
    )
    error_message = "The storefront's config.json names the pool as issuer and the app client"
  }
  assert {
    condition = alltrue([
      for c in jsondecode(aws_ecs_task_definition.compute_monolith-web-task_73249618.container_definitions) : (
        c.name != "seam" || (
          one([for e in c.environment : e.value if e.name == "SEAM_AUTH_AUDIENCE"]) == aws_cognito_user_pool_client.customer-identity_storefront-client_2F9DE21C.id
          && one([for e in c.environment : e.value if e.name == "SEAM_AUTH_ISSUER"]) == "https://cognito-idp.eu-west-1.amazonaws.com/${aws_cognito_user_pool.customer-identity_pool_AC4D7306.id}"
        )
      )
    ])
    error_message = "The API accepts the pool's tokens for the storefront's client"
  }
}
