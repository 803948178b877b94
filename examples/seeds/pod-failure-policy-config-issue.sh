# Seed 003: the image does not exist, so the pods stay Pending in ImagePullBackOff. (The seed then
# patches a ConfigIssue condition onto one pod and deletes it to fail the Job.)
kubectl create -f job-pod-failure-policy-config-issue.yaml
sim advance 40s
kubectl get pods -l job-name=job-pod-failure-policy-config-issue
kubectl get pods -l job-name=job-pod-failure-policy-config-issue -o jsonpath='{.items[0].status.containerStatuses[0].state.waiting}{"\n"}{.items[0].status.phase}{"\n"}'
