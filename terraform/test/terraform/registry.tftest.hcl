# `terraform test` of a synthesized seam-<env>-registry stack (npm run test:infra).

mock_provider "aws" {}

run "registry" {
  command = apply

  assert {
    condition = (
      aws_ecr_repository.repository.image_tag_mutability == "IMMUTABLE"
      && aws_ecr_repository.repository.image_scanning_configuration[0].scan_on_push == true
    )
    error_message = "Image tags must be immutable and images scanned on push"
  }
}
