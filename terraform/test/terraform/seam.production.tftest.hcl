# Production only, on top of seam.tftest.hcl.

mock_provider "aws" {
  source = "./mocks"
}

# us-east-1 (IAM's CloudTrail events are delivered there only).
mock_provider "aws" {
  alias  = "global"
  source = "./mocks"
}

run "https_front_door" {
  command = plan

  assert {
    condition = (
      aws_lb_listener.front-door_https_9B64EF3D.protocol == "HTTPS"
      && aws_lb_listener.front-door_https_9B64EF3D.port == 443
      && startswith(aws_lb_listener.front-door_https_9B64EF3D.certificate_arn, "arn:aws:acm:")
      && startswith(aws_lb_listener.front-door_https_9B64EF3D.ssl_policy, "ELBSecurityPolicy-TLS13")
    )
    error_message = "Production must serve HTTPS on 443 with its ACM certificate and a TLS 1.3 policy"
  }
  assert {
    condition = (
      aws_lb_listener.front-door_http_CA3CCBF5.default_action[0].type == "redirect"
      && aws_lb_listener.front-door_http_CA3CCBF5.default_action[0].redirect[0].protocol == "HTTPS"
      && aws_lb_listener.front-door_http_CA3CCBF5.default_action[0].redirect[0].status_code == "HTTP_301"
    )
    error_message = "Production must redirect HTTP to HTTPS"
  }
  assert {
    condition = alltrue([
      for instance in [
        aws_rds_cluster_instance.data_instance-0_D37EFEC9,
        aws_rds_cluster_instance.data_instance-1_7CF00B37,
      ] : instance.publicly_accessible == false
    ])
    error_message = "No database instance may be publicly accessible"
  }
  assert {
    condition     = aws_rds_cluster.data_cluster_28CC8C95.deletion_protection == true
    error_message = "The production database must be protected from deletion"
  }
  assert {
    condition     = aws_rds_cluster.data_cluster_28CC8C95.serverlessv2_scaling_configuration[0].min_capacity >= 0.5
    error_message = "The production database never pauses"
  }
  assert {
    condition = anytrue([
      for o in aws_cloudfront_distribution.storefront_distribution_F5384772.origin :
      try(o.custom_origin_config[0].origin_protocol_policy, "") == "https-only" && o.domain_name == "api.seam.example.com"
    ])
    error_message = "CloudFront reaches the production ALB over HTTPS"
  }
}

# Production names its issuer: no user pool; the SPA and the API use that issuer.
run "customer_sign_in_with_the_given_issuer" {
  command = apply

  assert {
    condition = (
      jsondecode(aws_s3_object.storefront_config_129E7ED1.content).signIn.authority == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE"
      && jsondecode(aws_s3_object.storefront_config_129E7ED1.content).signIn.clientId == "seam"
    )
    error_message = "The storefront signs in at the topology's issuer"
  }
  assert {
    condition = alltrue([
      for c in jsondecode(aws_ecs_task_definition.compute_monolith-web-task_73249618.container_definitions) : (
        c.name != "seam" || one([for e in c.environment : e.value if e.name == "SEAM_AUTH_ISSUER"]) == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_EXAMPLE"
      )
    ])
    error_message = "The API accepts the topology's issuer"
  }
}
