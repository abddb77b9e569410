this file is ignored by Terraform, and by the index { 
