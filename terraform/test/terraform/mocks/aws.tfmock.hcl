# Mocked AWS values with the shape AWS gives them (ARNs, URLs, ids), for every *.tftest.hcl
# here: `mock_provider "aws" { source = "./mocks" }`.

mock_data "aws_availability_zones" {
  defaults = { names = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }
}
mock_data "aws_ecr_repository" {
  defaults = {
    arn            = "arn:aws:ecr:eu-west-1:123456789012:repository/seam-test"
    repository_url = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/seam-test"
  }
}
mock_data "aws_elb_service_account" {
  defaults = { arn = "arn:aws:iam::156460612806:root" }
}
mock_data "aws_secretsmanager_random_password" {
  defaults = { random_password = "mocked-password-0123456789" }
}
mock_resource "aws_iam_role" {
  defaults = { arn = "arn:aws:iam::123456789012:role/mocked" }
}
mock_resource "aws_rds_cluster" {
  defaults = {
    arn      = "arn:aws:rds:eu-west-1:123456789012:cluster:mocked"
    endpoint = "mocked.cluster-abc.eu-west-1.rds.amazonaws.com"
    master_user_secret = [{
      secret_arn    = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-admin-AbCdEf"
      kms_key_id    = "arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-0000-0000-000000000000"
      secret_status = "active"
    }]
  }
}
mock_resource "aws_secretsmanager_secret" {
  defaults = { arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:seam/test/db/module-AbCdEf" }
}
mock_resource "aws_sqs_queue" {
  defaults = {
    arn = "arn:aws:sqs:eu-west-1:123456789012:mocked"
    url = "https://sqs.eu-west-1.amazonaws.com/123456789012/mocked"
  }
}
mock_resource "aws_sns_topic" {
  defaults = { arn = "arn:aws:sns:eu-west-1:123456789012:mocked-events" }
}
mock_resource "aws_cloudwatch_metric_alarm" {
  defaults = { arn = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:mocked" }
}
mock_resource "aws_cloudwatch_log_group" {
  defaults = { arn = "arn:aws:logs:eu-west-1:123456789012:log-group:mocked" }
}
mock_resource "aws_sfn_state_machine" {
  defaults = { arn = "arn:aws:states:eu-west-1:123456789012:stateMachine:mocked" }
}
mock_resource "aws_ecs_cluster" {
  defaults = { arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/mocked" }
}
mock_resource "aws_ecs_task_definition" {
  defaults = { arn = "arn:aws:ecs:eu-west-1:123456789012:task-definition/mocked:1" }
}
mock_resource "aws_lb" {
  defaults = {
    arn        = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/mocked/0123456789abcdef"
    arn_suffix = "app/mocked/0123456789abcdef"
    dns_name   = "mocked-123.eu-west-1.elb.amazonaws.com"
  }
}
mock_resource "aws_lb_target_group" {
  defaults = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/mocked/0123456789abcdef" }
}
mock_resource "aws_lb_listener" {
  defaults = { arn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/mocked/0123456789abcdef/0123456789abcdef" }
}
mock_resource "aws_wafv2_web_acl" {
  defaults = { arn = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/mocked/00000000-0000-0000-0000-000000000000" }
}
mock_resource "aws_s3_bucket" {
  defaults = { arn = "arn:aws:s3:::mocked-alb-logs" }
}
mock_resource "aws_appconfig_application" {
  defaults = { arn = "arn:aws:appconfig:eu-west-1:123456789012:application/abc1234", id = "abc1234" }
}
mock_resource "aws_appconfig_environment" {
  defaults = { arn = "arn:aws:appconfig:eu-west-1:123456789012:application/abc1234/environment/def5678", environment_id = "def5678" }
}
mock_resource "aws_appconfig_configuration_profile" {
  defaults = { arn = "arn:aws:appconfig:eu-west-1:123456789012:application/abc1234/configurationprofile/ghi9012", configuration_profile_id = "ghi9012" }
}
mock_resource "aws_appconfig_deployment_strategy" {
  defaults = { arn = "arn:aws:appconfig:eu-west-1:123456789012:deploymentstrategy/jkl3456", id = "jkl3456" }
}
mock_resource "aws_cloudfront_function" {
  defaults = { arn = "arn:aws:cloudfront::123456789012:function/seam-test-storefront-routing" }
}
mock_resource "aws_cloudfront_distribution" {
  defaults = {
    arn         = "arn:aws:cloudfront::123456789012:distribution/E2MOCKED"
    domain_name = "d111111abcdef8.cloudfront.net"
  }
}
mock_resource "aws_cloudwatch_event_rule" {
  defaults = { arn = "arn:aws:events:eu-west-1:123456789012:rule/seam-test-mocked" }
}
mock_resource "aws_cognito_user_pool" {
  defaults = {
    id       = "eu-west-1_MockedPool"
    arn      = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_MockedPool"
    endpoint = "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_MockedPool"
  }
}
mock_resource "aws_cognito_user_pool_client" {
  defaults = { id = "4mockedclient0000000000000" }
}
